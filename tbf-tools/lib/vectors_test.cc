// Compatibility: every upstream-built vector in testdata/vectors parses to exactly the fields
// its README lists, and TbfWriter rebuilds each one byte for byte from the parsed fields.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/writer/writer.h"

namespace tock::tbf {
namespace {

std::vector<uint8_t> ReadVector(const std::string& name) {
  std::ifstream f("tbf-tools/testdata/vectors/" + name, std::ios::binary);
  EXPECT_TRUE(f.good()) << name;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

std::string Name(const TbfHeader& h) {
  return std::string(reinterpret_cast<const char*>(h.package_name->data()), h.package_name->size());
}

// Rebuilds the object from the parsed fields only (TLV order from the cursor).
std::vector<uint8_t> Rebuild(const std::vector<uint8_t>& img, const TbfHeader& h) {
  TbfWriter w;
  w.SetFlags(h.flags);
  TlvCursor cursor(std::span<const uint8_t>(img).first(h.header_size));
  size_t wfr = 0;
  for (;;) {
    auto next = cursor.Next();
    EXPECT_TRUE(next.ok());
    if (!next.ok() || !next.value()) {
      break;
    }
    switch (static_cast<TlvType>(next.value()->type)) {
      case TlvType::kMain:
        w.AddMain(*h.main);
        break;
      case TlvType::kProgram:
        w.AddProgram(*h.program);
        break;
      case TlvType::kPackageName:
        w.AddPackageName(Name(h));
        break;
      case TlvType::kFixedAddresses:
        w.AddFixedAddresses(*h.fixed_addresses);
        break;
      case TlvType::kKernelVersion:
        w.AddKernelVersion(*h.kernel_version);
        break;
      case TlvType::kWriteableFlashRegions:
        w.AddWriteableFlashRegion(h.writeable_flash_regions[wfr++]);
        break;
      default:
        ADD_FAILURE() << "unexpected TLV in vector";
    }
  }
  const uint32_t bin = h.app_binary_offset();
  w.SetProtectedTrailer({img.begin() + h.header_size, img.begin() + bin});
  w.SetBinary({img.begin() + bin, img.begin() + h.binary_end_offset()});
  w.SetTotalSize(h.total_size);
  return w.Build();
}

TEST(VectorsTest, RetroGameCortexM4MatchesReadme) {
  auto img = ReadVector("retro_game.cortex-m4.tbf");
  ASSERT_EQ(img.size(), 16384u);
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field << " @" << r.error().offset;
  const TbfHeader& h = r.value();
  EXPECT_EQ(h.version, 2);
  EXPECT_EQ(h.header_size, 80);
  EXPECT_EQ(h.total_size, 16384u);
  EXPECT_EQ(h.flags, 1u);
  EXPECT_TRUE(h.enabled());
  EXPECT_FALSE(h.sticky());
  EXPECT_EQ(h.checksum, 0x13573e5au);
  EXPECT_EQ(h.tlv_count, 4);
  ASSERT_TRUE(h.main);
  EXPECT_EQ(h.main->init_fn_offset, 0x29u);
  EXPECT_EQ(h.main->protected_trailer_size, 0u);
  EXPECT_EQ(h.main->minimum_ram_size, 24120u);
  ASSERT_TRUE(h.program);
  EXPECT_EQ(h.program->init_fn_offset, 0x29u);
  EXPECT_EQ(h.program->protected_trailer_size, 0u);
  EXPECT_EQ(h.program->minimum_ram_size, 24120u);
  EXPECT_EQ(h.program->binary_end_offset, 8488u);
  EXPECT_EQ(h.program->version, 0u);
  EXPECT_EQ(Name(h), "retro_game");
  ASSERT_TRUE(h.kernel_version);
  EXPECT_EQ(h.kernel_version->major, 2);
  EXPECT_EQ(h.kernel_version->minor, 2);
  EXPECT_FALSE(h.fixed_addresses);
  EXPECT_EQ(h.app_binary_offset(), 80u);
  ASSERT_EQ(h.credential_count, 1);
  EXPECT_EQ(h.credentials[0].offset, 8488u);
  EXPECT_EQ(h.credentials[0].length, 7892);
  EXPECT_EQ(h.credentials[0].format, 0u);
  EXPECT_EQ(h.credentials[0].data.size(), 7888u);
  // crt0 header and relocation word, as the README derives binary_end_offset.
  EXPECT_EQ(Le32(&img[80 + 32]), 0x201cu);
  EXPECT_EQ(Le32(&img[80 + 0x201c]), 184u);
  EXPECT_EQ(80u + 0x201c + 4 + 184, h.binary_end_offset());
  auto integrity = CheckIntegrity(img, h);
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(integrity->checks[0], CredentialCheck::kReserved);
  EXPECT_EQ(Rebuild(img, h), img);
}

TEST(VectorsTest, RetroGameRiscvFixedAddressMatchesReadme) {
  auto img = ReadVector("retro_game.rv32imac.0x20040080.0x80002800.tbf");
  ASSERT_EQ(img.size(), 12876u);
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field << " @" << r.error().offset;
  const TbfHeader& h = r.value();
  EXPECT_EQ(h.header_size, 92);
  EXPECT_EQ(h.total_size, 12876u);
  EXPECT_EQ(h.flags, 1u);
  EXPECT_EQ(h.checksum, 0xb357632fu);
  EXPECT_EQ(h.tlv_count, 5);
  EXPECT_EQ(h.main->init_fn_offset, 0x4cu);
  EXPECT_EQ(h.main->protected_trailer_size, 36u);
  EXPECT_EQ(h.main->minimum_ram_size, 23912u);
  EXPECT_EQ(h.program->init_fn_offset, 0x4cu);
  EXPECT_EQ(h.program->protected_trailer_size, 36u);
  EXPECT_EQ(h.program->minimum_ram_size, 23912u);
  EXPECT_EQ(h.program->binary_end_offset, 9876u);
  EXPECT_EQ(h.program->version, 0u);
  EXPECT_EQ(Name(h), "retro_game");
  ASSERT_TRUE(h.fixed_addresses);
  EXPECT_EQ(h.fixed_addresses->start_process_ram, 0x80002800u);
  EXPECT_EQ(h.fixed_addresses->start_process_flash, 0x20040080u);
  EXPECT_EQ(h.kernel_version->major, 2);
  EXPECT_EQ(h.kernel_version->minor, 2);
  EXPECT_EQ(h.app_binary_offset(), 128u);
  EXPECT_EQ(h.header_size + h.init_fn_offset(), 168u);
  ASSERT_EQ(h.credential_count, 1);
  EXPECT_EQ(h.credentials[0].offset, 9876u);
  EXPECT_EQ(h.credentials[0].length, 2996);
  EXPECT_EQ(h.credentials[0].data.size(), 2992u);

  ProcessLoadInfo info = MakeProcessLoadInfo(img, h);
  EXPECT_TRUE(info.has_fixed_flash);
  EXPECT_EQ(info.fixed_flash_address, 0x20040080u);
  EXPECT_TRUE(info.has_fixed_ram);
  EXPECT_EQ(info.fixed_ram_address, 0x80002800u);
  EXPECT_EQ(info.app_binary_offset(), 128u);
  EXPECT_EQ(std::string(info.package_name, info.package_name_len), "retro_game");
  EXPECT_EQ(Rebuild(img, h), img);
}

struct OldVector {
  const char* file;
  uint32_t size, header_size, checksum, init, trailer, ram;
  const char* name;
};

class OldVectorsTest : public ::testing::TestWithParam<OldVector> {};

TEST_P(OldVectorsTest, MainAndPackageNameOnlyMatchReadme) {
  const OldVector& v = GetParam();
  auto img = ReadVector(v.file);
  ASSERT_EQ(img.size(), v.size);
  auto r = ParseTbf(img);
  ASSERT_TRUE(r.ok()) << r.error().field << " @" << r.error().offset;
  const TbfHeader& h = r.value();
  EXPECT_EQ(h.version, 2);
  EXPECT_EQ(h.header_size, v.header_size);
  EXPECT_EQ(h.total_size, v.size);
  EXPECT_EQ(h.flags, 1u);
  EXPECT_EQ(h.checksum, v.checksum);
  EXPECT_EQ(h.tlv_count, 2);
  ASSERT_TRUE(h.main);
  EXPECT_FALSE(h.program);
  EXPECT_EQ(h.main->init_fn_offset, v.init);
  EXPECT_EQ(h.main->protected_trailer_size, v.trailer);
  EXPECT_EQ(h.main->minimum_ram_size, v.ram);
  EXPECT_EQ(Name(h), v.name);
  EXPECT_EQ(h.binary_end_offset(), v.size);  // no Program: no footers
  EXPECT_EQ(h.credential_count, 0);
  EXPECT_FALSE(h.kernel_version);
  EXPECT_EQ(Rebuild(img, h), img);
}

INSTANTIATE_TEST_SUITE_P(Vectors, OldVectorsTest,
                         ::testing::Values(OldVector{"blink-2020.cortex-m4.tbf", 16384, 44,
                                                     0x6e4c3c4d, 0x55, 20, 4100, "blink"},
                                           OldVector{"hello_world-2020.cortex-m4.tbf", 32768, 48,
                                                     0x0348c631, 0x51, 16, 4100, "hello_world"},
                                           OldVector{"libtock-rs-hello_world.rv32imc.tbf", 2048, 48,
                                                     0x03484e30, 0x50, 16, 4100, "hello_world"}));

TEST(VectorsTest, BlinkAppBinaryStartsAt64) {
  auto img = ReadVector("blink-2020.cortex-m4.tbf");
  auto info = ParseForLoading(img);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->app_binary_offset(), 64u);
  EXPECT_TRUE(info->enabled);
  EXPECT_FALSE(info->has_fixed_flash);
  EXPECT_FALSE(info->has_permissions);
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 1));
}

}  // namespace
}  // namespace tock::tbf
