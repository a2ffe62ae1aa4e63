// Malformed TBF cases (see malformed_cases.h). Offsets below refer to the base image layout:
// base header 0..15, Main TLV at 16, Program TLV at 32, PackageName at 56, KernelVersion after.
#include "tbf-tools/testdata/malformed_cases.h"

#include <functional>

#include "tbf-tools/lib/checksum.h"
#include "tbf-tools/lib/types.h"
#include "tbf-tools/writer/writer.h"

namespace tock::tbf::testdata {
namespace {

using Bytes = std::vector<uint8_t>;

constexpr uint32_t kTotal = 512;

void Set16(Bytes& b, size_t at, uint16_t v) {
  b[at] = static_cast<uint8_t>(v);
  b[at + 1] = static_cast<uint8_t>(v >> 8);
}
void Set32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    b[at + i] = static_cast<uint8_t>(v >> (8 * i));
  }
}
// Recomputes the checksum after a header edit, so the intended defect is the one found.
void Fix(Bytes& b) {
  const uint16_t hs = static_cast<uint16_t>(b[2] | (b[3] << 8));
  const size_t n = hs <= b.size() ? hs : b.size();
  Set32(b, 12, ComputeHeaderChecksum(std::span<const uint8_t>(b.data(), n)));
}

// Base: Main, Program, PackageName "malformed", KernelVersion 2.0, 64-byte binary with a
// crt0-like start, SHA-256 credential, Reserved filler to 512 bytes.
TbfWriter BaseWriter(const std::function<void(TbfWriter&)>& extra_tlvs = nullptr) {
  TbfWriter w;
  w.AddMain({0, 0, 4096}).AddProgram({0, 0, 4096, TbfWriter::kAutoBinaryEnd, 0});
  w.AddPackageName("malformed");
  if (extra_tlvs) {
    extra_tlvs(w);
  }
  w.AddKernelVersion({2, 0});
  Bytes binary(64);
  for (size_t i = 0; i < binary.size(); ++i) {
    binary[i] = static_cast<uint8_t>(i * 7 + 1);
  }
  w.SetBinary(binary);
  w.AddHashCredential(CredentialFormat::kSha256);
  w.SetTotalSize(kTotal);
  return w;
}

Bytes Base() { return BaseWriter().Build(); }
Bytes Truncate(size_t n) {
  Bytes b = Base();
  b.resize(n);
  return b;
}
Bytes WithTlv(uint16_t type, Bytes payload) {
  return BaseWriter([&](TbfWriter& w) { w.AddRawTlv(type, payload); }).Build();
}
Bytes Edit(const std::function<void(Bytes&)>& f, bool fix = true) {
  Bytes b = Base();
  f(b);
  if (fix) {
    Fix(b);
  }
  return b;
}

// Offsets in the base image.
constexpr size_t kMain = 16, kProgram = 32, kName = 56;
constexpr size_t kKernelVersion = 72;  // after "malformed" (9 bytes, padded to 12)
constexpr size_t kHeaderSize = 80;
constexpr size_t kFooter = kHeaderSize + 64 + 0;  // no trailer, 64-byte binary

}  // namespace

std::vector<MalformedCase> MakeMalformedCases() {
  std::vector<MalformedCase> c;
  auto add = [&c](std::string name, std::string field, Bytes b) {
    c.push_back({std::move(name), std::move(field), std::move(b)});
  };
  const uint16_t kUnknown = 0x0020;

  // Truncation anywhere.
  add("empty_file", "base.version", {});
  add("truncated_in_version", "base.version", Truncate(1));
  add("truncated_in_base_header", "base_header", Truncate(10));
  add("truncated_in_tlvs", "base.total_size", Truncate(40));
  add("truncated_in_binary", "base.total_size", Truncate(120));
  add("truncated_in_footer", "base.total_size", Truncate(kTotal - 100));
  add("truncated_last_word", "base.total_size", Truncate(kTotal - 4));
  // Base header.
  add("wrong_version_1", "base.version", Edit([](Bytes& b) { Set16(b, 0, 1); }));
  add("wrong_version_ffff", "base.version", Edit([](Bytes& b) { Set16(b, 0, 0xFFFF); }));
  add("bad_checksum", "base.checksum", Edit([](Bytes& b) { b[12] ^= 0x55; }, false));
  add("bad_checksum_tlv_edited", "base.checksum",
      Edit([](Bytes& b) { b[kMain + 12] ^= 1; }, false));
  add("header_size_below_16", "base.header_size", Edit([](Bytes& b) { Set16(b, 2, 12); }));
  add("header_size_exceeds_total", "base.header_size",
      Edit([](Bytes& b) { Set16(b, 2, kTotal + 4); }));
  add("header_size_misaligned", "base.header_size", Edit([](Bytes& b) { Set16(b, 2, 78); }));
  add("total_size_not_multiple_of_4", "base.total_size", Edit([](Bytes& b) {
        Set32(b, 4, kTotal - 2);
        b.resize(kTotal - 2);
      }));
  add("total_size_exceeds_file", "base.total_size",
      Edit([](Bytes& b) { Set32(b, 4, kTotal + 4096); }));
  // TLV framing.
  add("tlv_length_overruns_header", "tlv.length",
      Edit([](Bytes& b) { Set16(b, kKernelVersion + 2, 40); }));
  add("tlv_overrun_by_padding", "tlv.length",
      Edit([](Bytes& b) { Set16(b, kKernelVersion + 2, 5); }));
  add("zero_length_unknown_tlv", "tlv.length", WithTlv(kUnknown, {}));
  add("zero_length_main", "tlv.length", Edit([](Bytes& b) {
        Set16(b, kMain + 2, 0);
        Set16(b, kMain + 4, kUnknown);  // the rest becomes an unknown TLV of length 8
        Set16(b, kMain + 6, 8);
      }));
  add("main_length_16", "main.length", WithTlv(1, Bytes(16)));
  add("program_length_12", "program.length", WithTlv(9, Bytes(12)));
  add("duplicate_main", "main", WithTlv(1, Bytes(12)));
  add("duplicate_program", "program", WithTlv(9, Bytes(20)));
  add("duplicate_package_name", "package_name", WithTlv(3, {'x'}));
  add("package_name_bad_utf8", "package_name", Edit([](Bytes& b) { b[kName + 4 + 2] = 0xC0; }));
  add("fixed_addresses_length_4", "fixed_addresses.length", WithTlv(5, Bytes(4)));
  add("kernel_version_length_8", "kernel_version.length", WithTlv(8, Bytes(8)));
  add("short_id_length_2", "short_id.length", WithTlv(10, Bytes(2)));
  add("permissions_count_lies", "permissions.count", WithTlv(6, [] {
        Bytes p(2 + 16);
        p[0] = 5;  // claims 5 entries, holds 1
        return p;
      }()));
  add("storage_read_count_lies", "storage_permissions.read_count", WithTlv(7, [] {
        Bytes p(4 + 2 + 4 + 2);
        p[4] = 9;  // claims 9 read ids, holds 1
        return p;
      }()));
  add("writeable_region_out_of_range", "writeable_flash_regions.offset",
      WithTlv(2, {0xF0, 0x01, 0, 0, 0x20, 0, 0, 0}));  // offset 496 size 32 > 512
  add("writeable_region_length_12", "writeable_flash_regions.length", WithTlv(2, Bytes(12)));
  add("too_many_writeable_regions", "writeable_flash_regions", WithTlv(2, Bytes(size_t{8} * 9)));
  add("credentials_tlv_in_header", "tlv.type", WithTlv(128, Bytes(4)));
  // Layout fields.
  add("protected_trailer_past_total", "program.protected_trailer_size",
      Edit([](Bytes& b) { Set32(b, kProgram + 8, kTotal); }));
  add("binary_end_before_binary", "program.binary_end_offset",
      Edit([](Bytes& b) { Set32(b, kProgram + 16, 40); }));
  add("binary_end_past_total", "program.binary_end_offset",
      Edit([](Bytes& b) { Set32(b, kProgram + 16, kTotal + 4); }));
  add("init_fn_offset_past_binary", "program.init_fn_offset",
      Edit([](Bytes& b) { Set32(b, kProgram + 4, 4096); }));
  add("init_fn_offset_in_trailer", "program.init_fn_offset", Edit([](Bytes& b) {
        Set32(b, kProgram + 8, 8);  // trailer 8, init 4
        Set32(b, kProgram + 4, 4);
      }));
  // Footers and credentials.
  add("footer_wrong_type", "footer.type", Edit([](Bytes& b) { Set16(b, kFooter, 5); }));
  add("footer_overruns_image", "credential.length",
      Edit([](Bytes& b) { Set16(b, kFooter + 2, 2000); }));
  add("credential_length_below_4", "credential.length",
      Edit([](Bytes& b) { Set16(b, kFooter + 2, 2); }));
  add("credential_length_lies_sha256", "credential.length", [] {
    TbfWriter w = BaseWriter();
    w.AddCredential(CredentialFormat::kSha256, Bytes(28));  // SHA-256 with 28 data bytes
    return w.Build();
  }());
  add("credential_unknown_format", "credential.format",
      Edit([](Bytes& b) { Set32(b, kFooter + 4, 0x77); }));
  add("footer_trailing_garbage", "footer.tlv", Edit([](Bytes& b) {
        // Shrink the Reserved filler by 4 so 4 non-zero bytes remain at the end.
        const size_t reserved = kFooter + 8 + 32;
        Set16(b, reserved + 2, static_cast<uint16_t>(b[reserved + 2] | (b[reserved + 3] << 8)) - 4);
        b[kTotal - 1] = 0xEE;
      }));
  add("too_many_credentials", "credentials", [] {
    TbfWriter w = BaseWriter();
    for (int i = 0; i < 9; ++i) {
      w.AddCredential(CredentialFormat::kReserved, Bytes(4));
    }
    return w.Build();
  }());
  add("sha256_mismatch", "credential.sha256",
      Edit([](Bytes& b) { b[kHeaderSize + 5] ^= 0x80; }, false));
  add("sha512_mismatch", "credential.sha512", [] {
    TbfWriter w;
    w.AddMain({0, 0, 4096}).AddProgram({0, 0, 4096, TbfWriter::kAutoBinaryEnd, 0});
    w.SetBinary(Bytes(64, 3));
    w.AddHashCredential(CredentialFormat::kSha512);
    Bytes b = w.Build();
    b[b.size() - 1] ^= 1;  // last digest byte
    return b;
  }());
  return c;
}

std::vector<std::pair<std::string, std::vector<uint8_t>>> MakeValidSeeds() {
  std::vector<std::pair<std::string, Bytes>> s;
  s.emplace_back("base", Base());
  {
    TbfWriter w;
    w.AddMain({24, 16, 4096})
        .AddProgram({24, 16, 4096, TbfWriter::kAutoBinaryEnd, 3})
        .AddPackageName("all_tlvs")
        .AddWriteableFlashRegion({200, 16})
        .AddFixedAddresses({0x20000000, 0x10000100})
        .AddPermissions({{1, 0, 6}, {2, 1, 1}})
        .AddStoragePermissions(5, {6, 7}, {8})
        .AddKernelVersion({2, 1})
        .AddShortId(0x1234)
        .AddRawTlv(0x8001, {1, 2, 3});
    w.SetProtectedTrailer(Bytes(16));
    w.SetBinary(Bytes(64, 0xAB));
    w.AddHashCredential(CredentialFormat::kSha256)
        .AddHashCredential(CredentialFormat::kSha384)
        .AddHashCredential(CredentialFormat::kSha512)
        .AddCredential(CredentialFormat::kEcdsaNistP256, Bytes(64, 1));
    w.SetTotalSize(1024);
    s.emplace_back("all_tlvs", w.Build());
  }
  {
    Bytes two = Base();
    Bytes pad = MakePaddingTbf(256);
    two.insert(two.end(), pad.begin(), pad.end());
    s.emplace_back("app_then_padding", two);
  }
  return s;
}

}  // namespace tock::tbf::testdata
