// Parser behaviour on writer-built images: every TLV type, credentials, padding objects and the
// error values (kind, field, offset) for malformed input.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/writer/writer.h"

namespace tock::tbf {
namespace {

// Main + Program + name + every optional TLV, a 64-byte binary, SHA-256, total 512.
TbfWriter FullWriter() {
  TbfWriter w;
  w.AddMain({8, 0, 4096})
      .AddProgram({8, 0, 4096, TbfWriter::kAutoBinaryEnd, 7})
      .AddPackageName("full")
      .AddWriteableFlashRegion({200, 16})
      .AddFixedAddresses({0x20000000, 0x10000100})
      .AddPermissions({{1, 0, 0b110}, {2, 1, 1}})
      .AddStoragePermissions(5, {6, 7}, {8})
      .AddKernelVersion({2, 1})
      .AddShortId(0x1234)
      .AddRawTlv(0x8001, {1, 2, 3});
  w.SetBinary(std::vector<uint8_t>(64, 0xAB));
  w.AddHashCredential(CredentialFormat::kSha256);
  w.SetTotalSize(512);
  return w;
}

TEST(ParserTest, ParsesEveryTlvType) {
  auto img = FullWriter().Build();
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field << " @" << r.error().offset;
  const TbfHeader& h = r.value();
  EXPECT_EQ(h.total_size, 512u);
  EXPECT_EQ(h.tlv_count, 10);
  EXPECT_EQ(h.unknown_tlv_count, 1);
  EXPECT_EQ(h.program->version, 7u);
  EXPECT_EQ(h.binary_end_offset(), h.header_size + 64u);
  ASSERT_EQ(h.writeable_flash_region_count, 1);
  EXPECT_EQ(h.writeable_flash_regions[0].offset, 200u);
  EXPECT_EQ(h.fixed_addresses->start_process_flash, 0x10000100u);
  ASSERT_EQ(h.permissions->count, 2);
  EXPECT_EQ(h.permissions->at(1).driver_number, 2u);
  EXPECT_EQ(h.permissions->at(1).offset, 1u);
  EXPECT_EQ(h.storage_permissions->write_id, 5u);
  ASSERT_EQ(h.storage_permissions->read_count, 2);
  EXPECT_EQ(h.storage_permissions->read_id(1), 7u);
  ASSERT_EQ(h.storage_permissions->modify_count, 1);
  EXPECT_EQ(h.storage_permissions->modify_id(0), 8u);
  EXPECT_EQ(h.kernel_version->minor, 1);
  EXPECT_EQ(*h.short_id, 0x1234u);
  ASSERT_EQ(h.credential_count, 2);  // SHA-256 then the Reserved filler
  EXPECT_EQ(h.credentials[0].format, 3u);
  EXPECT_EQ(h.credentials[1].format, 0u);
  EXPECT_EQ(h.credentials[1].offset + 4u + h.credentials[1].length, 512u);
  auto integrity = CheckIntegrity(img, h);
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(integrity->hashes_verified, 1);
}

TEST(ParserTest, PermissionsFollowUpstreamFilter) {
  auto img = FullWriter().Build();
  auto info = ParseForLoading(img);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 1));
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 2));
  EXPECT_FALSE(CommandPermitted(info.value(), 1, 0));
  EXPECT_FALSE(CommandPermitted(info.value(), 2, 0));
  EXPECT_TRUE(CommandPermitted(info.value(), 2, 64));
  EXPECT_FALSE(CommandPermitted(info.value(), 3, 0));
  EXPECT_TRUE(DriverPermitted(info.value(), 2));
  EXPECT_FALSE(DriverPermitted(info.value(), 3));
}

TEST(ParserTest, Sha384AndSha512CredentialsVerify) {
  TbfWriter w;
  w.AddMain({0, 0, 1024}).AddProgram({0, 0, 1024, TbfWriter::kAutoBinaryEnd, 0});
  w.SetBinary(std::vector<uint8_t>(100, 1));
  w.AddHashCredential(CredentialFormat::kSha384).AddHashCredential(CredentialFormat::kSha512);
  auto img = w.Build();
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field;
  auto integrity = CheckIntegrity(img, r.value());
  ASSERT_TRUE(integrity.ok()) << integrity.error().field;
  EXPECT_EQ(integrity->hashes_verified, 2);
}

TEST(ParserTest, FlippedBinaryByteFailsHashWithCredentialOffset) {
  auto img = FullWriter().Build();
  auto h = ParseTbf(img).value();
  img[h.app_binary_offset() + 3] ^= 1;
  auto reparsed = ParseTbf(img);
  ASSERT_TRUE(reparsed.ok());  // structure is intact
  auto integrity = CheckIntegrity(img, reparsed.value());
  ASSERT_FALSE(integrity.ok());
  EXPECT_EQ(integrity.error().kind, ErrorKind::kHashMismatch);
  EXPECT_EQ(integrity.error().offset, h.binary_end_offset() + 8);
  EXPECT_STREQ(integrity.error().field, "credential.sha256");
}

TEST(ParserTest, PaddingObjectIsRecognised) {
  auto img = MakePaddingTbf(1024);
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_padding);
  EXPECT_FALSE(r->enabled());
  EXPECT_EQ(r->total_size, 1024u);
}

TEST(ParserTest, ParsesFirstObjectOfLongerFlashRegion) {
  auto a = FullWriter().Build();
  auto b = MakePaddingTbf(256);
  a.insert(a.end(), b.begin(), b.end());
  auto first = ParseTbf(a);
  ASSERT_TRUE(first.ok());
  auto second = ParseTbf(std::span<const uint8_t>(a).subspan(first->total_size));
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->is_padding);
}

TEST(ParserTest, WrongVersionNamesVersionField) {
  auto img = FullWriter().Build();
  img[0] = 3;
  auto r = ParseTbf(img);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadVersion);
  EXPECT_EQ(r.error().offset, 0u);
  EXPECT_STREQ(r.error().field, "base.version");
}

TEST(ParserTest, BadChecksumNamesChecksumField) {
  auto img = FullWriter().Build();
  img[20] ^= 0x40;  // inside the Main TLV
  auto r = ParseTbf(img);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadChecksum);
  EXPECT_EQ(r.error().offset, 12u);
}

TEST(ParserTest, EveryTruncationIsAnErrorNotACrash) {
  auto img = FullWriter().Build();
  for (size_t n = 0; n < img.size(); ++n) {
    auto r = ParseTbf(std::span<const uint8_t>(img).first(n));
    EXPECT_FALSE(r.ok()) << n;
  }
}

TEST(ParserTest, DuplicateMainIsRejected) {
  TbfWriter w;
  w.AddMain({0, 0, 1}).AddMain({0, 0, 2});
  w.SetBinary(std::vector<uint8_t>(8));
  auto r = ParseTbf(w.Build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kDuplicateTlv);
  EXPECT_EQ(r.error().offset, 32u);
  EXPECT_STREQ(r.error().field, "main");
}

TEST(ParserTest, InvalidUtf8NameIsRejected) {
  TbfWriter w;
  w.AddMain({0, 0, 1}).AddPackageName("ab\xff");
  w.SetBinary(std::vector<uint8_t>(8));
  auto r = ParseTbf(w.Build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadUtf8);
  EXPECT_EQ(r.error().offset, 36u);
}

TEST(ParserTest, UnknownCredentialFormatIsRejected) {
  TbfWriter w;
  w.AddMain({0, 0, 1}).AddProgram({0, 0, 1, TbfWriter::kAutoBinaryEnd, 0});
  w.SetBinary(std::vector<uint8_t>(8));
  w.AddCredential(static_cast<CredentialFormat>(99), {0, 0, 0, 0});
  auto img = w.Build();
  auto r = ParseTbf(img);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadCredentialFormat);
  EXPECT_EQ(r.error().offset, r.error().offset);
  EXPECT_STREQ(r.error().field, "credential.format");
}

TEST(ParserTest, SignatureCredentialsAreParsedNotVerified) {
  TbfWriter w;
  w.AddMain({0, 0, 1}).AddProgram({0, 0, 1, TbfWriter::kAutoBinaryEnd, 0});
  w.SetBinary(std::vector<uint8_t>(8));
  w.AddCredential(CredentialFormat::kEcdsaNistP256, std::vector<uint8_t>(64, 9));
  w.AddCredential(CredentialFormat::kRsa4096Key, std::vector<uint8_t>(1024, 7));
  auto img = w.Build();
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field;
  ASSERT_EQ(r->credential_count, 2);
  auto integrity = CheckIntegrity(img, r.value());
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(integrity->checks[0], CredentialCheck::kNotVerified);
  EXPECT_EQ(integrity->checks[1], CredentialCheck::kNotVerified);
}

TEST(ParserTest, ChecksumSkipsWordThree) {
  std::vector<uint8_t> h(20, 0);
  h[0] = 1;
  h[12] = 0xFF;  // checksum word: ignored
  h[16] = 2;
  EXPECT_EQ(ComputeHeaderChecksum(h), 3u);
}

}  // namespace
}  // namespace tock::tbf
