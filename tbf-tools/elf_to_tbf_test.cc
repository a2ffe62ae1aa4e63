// `tbf create` conversion: rebuilding ELFs for two upstream vectors reproduces the upstream
// elf2tab output byte for byte, and the host x32 fixed-address convention lays out as agreed.
#include "tbf-tools/elf_to_tbf.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "hostkernel/status/status_macros.h"
#include "tbf-tools/elf_builder.h"
#include "tbf-tools/lib/tbf.h"

namespace tock::tbf {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes ReadVector(const std::string& name) {
  std::ifstream f("tbf-tools/testdata/vectors/" + name, std::ios::binary);
  EXPECT_TRUE(f.good()) << name;
  return Bytes(std::istreambuf_iterator<char>(f), {});
}

absl::StatusOr<Bytes> Convert(const ElfBuilder& b, const CreateOptions& o,
                              CreateReport* rep = nullptr) {
  auto elf = ElfFile::Parse(b.Build());
  TOCKPP_RETURN_IF_ERROR(elf.status());
  return ElfToTbf(*elf, o, rep);
}

TEST(ElfToTbfTest, ReproducesUpstreamRetroGameCortexM4ByteForByte) {
  const Bytes v = ReadVector("retro_game.cortex-m4.tbf");
  const uint32_t rel_len = Le32(&v[8488 - 184 - 4]);
  ASSERT_EQ(rel_len, 184u);
  ElfBuilder b;
  b.machine = kEmArm;
  b.entry = 0x80000029;
  b.segments.push_back(
      {0x80000000, 0x80000000, 5, 0, Bytes(v.begin() + 80, v.end() - 16384 + 8488 - 188)});
  b.segments.push_back({0x00000000, 0x80002100, 6, 24120 - 2048 - 2048, {}});
  b.sections.push_back({".text", 1, 6, 0, 0, 0, 0x1f54, {}});
  b.sections.push_back({".data", 1, kShfWrite | kShfAlloc, 0, 0x1f54, 0, 0xc8, {}});
  b.sections.push_back(
      {".rel.data", 9, 0, -1, 0, 0, 0, Bytes(v.begin() + 8488 - 184, v.begin() + 8488)});
  b.sections.push_back({".stack", kShtNobits, kShfWrite | kShfAlloc, 1, 0, 0, 2048, {}});
  CreateOptions o;
  o.package_name = "retro_game";
  o.kernel_version = KernelVersion{2, 2};
  o.app_heap = 1024;
  o.kernel_heap = 1024;
  auto out = Convert(b, o);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->size(), v.size());
  EXPECT_TRUE(*out == v) << "differs from upstream elf2tab output";
}

TEST(ElfToTbfTest, ReproducesUpstreamRiscvFixedAddressTbfByteForByte) {
  const Bytes v = ReadVector("retro_game.rv32imac.0x20040080.0x80002800.tbf");
  ElfBuilder b;
  b.machine = kEmRiscv;
  b.entry = 0x20040080 + 40;
  b.segments.push_back(
      {0x20040080, 0x20040080, 5, 0, Bytes(v.begin() + 128, v.begin() + 9876 - 4)});
  b.segments.push_back({0x80003000, 0x20042800, 6, 23912 - 4096, {}});
  b.symbols.push_back({"_sram_origin", 0x80002800});
  CreateOptions o;
  o.package_name = "retro_game";
  o.kernel_version = KernelVersion{2, 2};
  o.fixed_addresses = true;
  o.stack = 2048;
  o.minimum_footer_size = 3000;
  CreateReport rep;
  auto out = Convert(b, o, &rep);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(rep.ram_origin_source, "symbol _sram_origin");
  EXPECT_EQ(rep.protected_region_size, 128u);
  EXPECT_EQ(out->size(), v.size());
  EXPECT_TRUE(*out == v) << "differs from upstream elf2tab output";
}

// An ELF shaped like a real link of a small app with upstream libtock-c's userland_generic.ld
// (arm-none-eabi-gcc 12.2 / GNU ld 2.40, STACK_SIZE=2048): GNU ld gives the NOBITS .stack at
// RAM 0 its own RW segment (VMA == LMA, filesz 0); .got/.data/.bss form one RW segment at VMA
// 0x800 loaded from flash right after .text. elf2tab's minimum_ram_size counts only writable
// segments with VMA != LMA (0x1ac = 428) plus align8(stack) + align4(app heap) +
// align4(kernel heap) = 428 + 2048 + 1024 + 1024 = 4524: the stack once, not 6572.
TEST(ElfToTbfTest, UpstreamGenericLayoutCountsStackOnceLikeElf2tab) {
  ElfBuilder b;
  b.machine = kEmArm;
  b.entry = 0x80000029;
  Bytes flash(0x54);
  for (size_t i = 0; i < flash.size(); ++i) {
    flash[i] = static_cast<uint8_t>(i + 1);
  }
  b.segments.push_back({0x00000000, 0x00000000, 6, 0x800, {}});  // .stack
  b.segments.push_back({0x80000000, 0x80000000, 5, 0, flash});   // .crt0_header .text
  b.segments.push_back({0x00000800, 0x80000054, 6, 0x1ac, Bytes(0x1c, 0xDA)});  // .got .data .bss
  b.sections.push_back({".stack", kShtNobits, kShfWrite | kShfAlloc, 0, 0, 0, 0x800, {}});
  b.sections.push_back({".crt0_header", 1, kShfAlloc, 1, 0, 0, 0x28, {}});
  b.sections.push_back({".text", 1, 6, 1, 0x28, 0, 0x2c, {}});
  b.sections.push_back({".got", 1, kShfWrite | kShfAlloc, 2, 0, 0, 0x14, {}});
  b.sections.push_back({".data", 1, kShfWrite | kShfAlloc, 2, 0x14, 0, 0x8, {}});
  b.sections.push_back({".bss", kShtNobits, kShfWrite | kShfAlloc, 2, 0x1c, 0, 0x190, {}});
  b.sections.push_back({".rel.data", 9, 0, -1, 0, 0, 0, {0x18, 8, 0, 0, 2, 0, 0, 0}});
  CreateOptions o;
  o.package_name = "c_hello";
  o.stack = 2048;
  CreateReport rep;
  auto out = Convert(b, o, &rep);
  ASSERT_TRUE(out.ok()) << out.status();
  auto h = ParseTbf(*out);
  ASSERT_TRUE(h.ok()) << h.error().field;
  // elf2tab: 16 base + 16 Main + 24 Program + 12 PackageName ("c_hello" padded to 8).
  EXPECT_EQ(h->header_size, 68u);
  EXPECT_EQ(rep.minimum_ram_size, 4524u);
  EXPECT_EQ(h->minimum_ram_size(), 4524u);
  EXPECT_EQ(h->init_fn_offset(), 0x29u);  // entry - flash origin, no protected trailer
  // Header, 0x54 flash bytes, 0x1c .got/.data bytes, u32 length + 8 bytes of .rel.data.
  EXPECT_EQ(h->binary_end_offset(), 68u + 0x54 + 0x1c + 4 + 8);
  EXPECT_EQ(h->total_size, 512u);  // ARM: power of two, at least 512
  EXPECT_FALSE(h->fixed_addresses);
  // Taking .stack from the section (no --stack) gives the same.
  o.stack.reset();
  auto again = Convert(b, o);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(*again == *out);
}

// Host x32 app per the tockpp convention: binary (crt0 header first) at the lowest flash LMA,
// .data LMA right after .text, RAM at 0x20000000 + stack.
ElfBuilder HostApp(uint32_t data_lma_gap = 0) {
  ElfBuilder b;
  b.machine = kEmAmd64;
  b.entry = 0x10000080 + 40;
  Bytes text(200);
  for (size_t i = 0; i < text.size(); ++i) {
    text[i] = static_cast<uint8_t>(i);
  }
  b.segments.push_back({0x10000080, 0x10000080, 5, 0, text});
  b.segments.push_back({0x20000800, 0x10000080 + 200 + data_lma_gap, 6, 64, Bytes(16, 0xDA)});
  b.sections.push_back({".text", 1, 6, 0, 0, 0, 200, {}});
  b.sections.push_back({".data", 1, kShfWrite | kShfAlloc, 1, 0, 0, 16, {}});
  return b;
}

TEST(ElfToTbfTest, HostAppFixedAddressesPlaceHeaderOn256ByteBoundary) {
  CreateOptions o;
  o.package_name = "hello";
  o.fixed_addresses = true;
  o.kernel_version = KernelVersion{2, 1};
  CreateReport rep;
  auto out = Convert(HostApp(), o, &rep);
  ASSERT_TRUE(out.ok()) << out.status();
  auto h = ParseTbf(*out);
  ASSERT_TRUE(h.ok()) << h.error().field;
  EXPECT_EQ(h->total_size, 4096u);  // x86: multiple of 4096
  ASSERT_TRUE(h->fixed_addresses);
  EXPECT_EQ(h->fixed_addresses->start_process_flash, 0x10000080u);
  EXPECT_EQ(h->fixed_addresses->start_process_ram, 0x20000000u);
  EXPECT_EQ(rep.ram_origin_source, "lowest RAM segment minus stack size");
  // TBF starts at 0x10000000: header + trailer = 0x80.
  EXPECT_EQ(h->app_binary_offset(), 0x80u);
  EXPECT_EQ(h->header_size + h->init_fn_offset(), 0x80u + 40);
  EXPECT_EQ(h->minimum_ram_size(), 64u + 2048 + 1024 + 1024);
  EXPECT_EQ(h->binary_end_offset(), 0x80u + 216 + 4);
  EXPECT_EQ((*out)[0x80 + 199], 199);
  EXPECT_EQ((*out)[0x80 + 200], 0xDA);       // .data initialiser right after .text
  EXPECT_EQ(Le32(&(*out)[0x80 + 216]), 0u);  // empty relocation block
  ASSERT_EQ(h->credential_count, 1);
  EXPECT_EQ(h->credentials[0].format, 0u);  // Reserved filler up to 4096
  // Order: Main, Program, PackageName, FixedAddresses, KernelVersion.
  TlvCursor c(std::span<const uint8_t>(*out).first(h->header_size));
  std::vector<uint16_t> types;
  for (auto t = c.Next(); t.ok() && t.value(); t = c.Next()) {
    types.push_back(t.value()->type);
  }
  EXPECT_EQ(types, (std::vector<uint16_t>{1, 9, 3, 5, 8}));
}

TEST(ElfToTbfTest, SegmentGapInFlashIsZeroFilled) {
  auto out = Convert(HostApp(/*data_lma_gap=*/56), CreateOptions{});
  ASSERT_TRUE(out.ok()) << out.status();
  auto h = ParseTbf(*out);
  ASSERT_TRUE(h.ok());
  const uint32_t bin = h->app_binary_offset();
  EXPECT_EQ(bin, h->header_size);  // not fixed: no trailer
  EXPECT_EQ((*out)[bin + 200], 0);
  EXPECT_EQ((*out)[bin + 256], 0xDA);
  EXPECT_FALSE(h->fixed_addresses);
}

TEST(ElfToTbfTest, Sha256CredentialVerifies) {
  CreateOptions o;
  o.package_name = "hashed";
  o.sha256 = true;
  o.sha512 = true;
  auto out = Convert(HostApp(), o);
  ASSERT_TRUE(out.ok());
  auto h = ParseTbf(*out);
  ASSERT_TRUE(h.ok());
  auto r = CheckIntegrity(*out, h.value());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hashes_verified, 2);
}

TEST(ElfToTbfTest, PermissionsMergeByDriverAndOffset) {
  CreateOptions o;
  o.permissions = {{1, 0}, {1, 1}, {1, 65}, {2, 3}};
  auto out = Convert(HostApp(), o);
  ASSERT_TRUE(out.ok());
  auto info = ParseForLoading(*out);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->permission_count, 3);
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 0));
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 1));
  EXPECT_FALSE(CommandPermitted(info.value(), 1, 2));
  EXPECT_TRUE(CommandPermitted(info.value(), 1, 65));
  EXPECT_TRUE(CommandPermitted(info.value(), 2, 3));
  EXPECT_FALSE(CommandPermitted(info.value(), 3, 0));
}

TEST(ElfToTbfTest, ArmTotalSizeIsPowerOfTwoAtLeast512) {
  ElfBuilder b;
  b.machine = kEmArm;
  b.entry = 0x80000001;
  b.segments.push_back({0x80000000, 0x80000000, 5, 0, Bytes(100, 1)});
  auto out = Convert(b, CreateOptions{});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->size(), 512u);
  EXPECT_TRUE(ParseTbf(*out).ok());
}

TEST(ElfToTbfTest, RejectsUnsupportedMachineAndBadEntry) {
  ElfBuilder b = HostApp();
  b.machine = 8;  // EM_MIPS
  EXPECT_FALSE(Convert(b, CreateOptions{}).ok());
  ElfBuilder e = HostApp();
  e.entry = 0x30000000;
  EXPECT_FALSE(Convert(e, CreateOptions{}).ok());
}

TEST(ElfToTbfTest, FixedAddressesRejectedForPicApp) {
  ElfBuilder b;
  b.machine = kEmArm;
  b.entry = 0x80000001;
  b.segments.push_back({0x80000000, 0x80000000, 5, 0, Bytes(100, 1)});
  CreateOptions o;
  o.fixed_addresses = true;
  EXPECT_FALSE(Convert(b, o).ok());
}

// A pure-RAM segment holding .stack and .bss together: only the .bss part counts from it.
TEST(ElfToTbfTest, StackSharingAPureRamSegmentIsCountedOnce) {
  ElfBuilder b = HostApp();
  b.segments.push_back({0x20000000, 0x20000000, 6, 2048 + 96, {}});
  b.sections.push_back({".stack", kShtNobits, kShfWrite | kShfAlloc, 2, 0, 0, 2048, {}});
  CreateOptions o;
  o.package_name = "hello";
  o.stack = 2048;
  CreateReport rep;
  auto out = Convert(b, o, &rep);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(rep.minimum_ram_size, 64u + 96 + 2048 + 1024 + 1024);
}

TEST(ElfFileTest, RejectsTruncatedAndNon32BitFiles) {
  Bytes elf = HostApp().Build();
  EXPECT_TRUE(ElfFile::Parse(elf).ok());
  for (size_t n : {0ul, 4ul, 51ul, 100ul}) {
    EXPECT_FALSE(ElfFile::Parse(Bytes(elf.begin(), elf.begin() + n)).ok()) << n;
  }
  Bytes elf64 = elf;
  elf64[4] = 2;
  EXPECT_FALSE(ElfFile::Parse(elf64).ok());
}

// Every prefix and single-byte corruption of the ELF header, program and section headers: a
// one-line error or a file that still converts (or fails to) cleanly; never a crash.
TEST(ElfFileTest, DamagedFilesAreOneLineErrors) {
  const Bytes elf = HostApp().Build();
  auto check = [](const Bytes& bytes, const std::string& what) {
    auto parsed = ElfFile::Parse(bytes);
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().message().find('\n'), std::string::npos) << what;
      return false;
    }
    CreateOptions o;
    o.package_name = "x";
    auto tbf = ElfToTbf(*parsed, o, nullptr);
    if (!tbf.ok()) {
      EXPECT_EQ(tbf.status().message().find('\n'), std::string::npos) << what;
    }
    return true;
  };
  int errors = 0;
  for (size_t n = 0; n < elf.size(); ++n) {
    errors += check(Bytes(elf.begin(), elf.begin() + static_cast<std::ptrdiff_t>(n)),
                    absl::StrCat("prefix ", n))
                  ? 0
                  : 1;
  }
  EXPECT_GT(errors, 0);
  for (size_t at = 0; at < std::min<size_t>(elf.size(), 256); ++at) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      Bytes bad = elf;
      bad[at] ^= flip;
      check(bad, absl::StrCat("byte ", at, " ^ ", flip));
    }
  }
}

}  // namespace
}  // namespace tock::tbf
