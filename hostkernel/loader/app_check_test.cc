// Every load-check reason, the upstream-built vectors (tbf-tools/testdata/vectors) and the
// project's own built apps, through the same functions tockd calls.
#include "hostkernel/loader/app_check.h"

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/loader/load_plan.h"
#include "hostkernel/process/app_memory.h"
#include "tbf-tools/tab.h"
#include "tbf-tools/writer/writer.h"

namespace tock::hostkernel {
namespace {

using ::testing::HasSubstr;

constexpr char kVectors[] = "tbf-tools/testdata/vectors/";

std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  EXPECT_TRUE(f.good()) << path;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

std::string WriteTemp(const std::string& name, const std::vector<uint8_t>& bytes) {
  std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  return path;
}

// The one refusal for a single-app file, or a failure.
AppRefusal RefusalOf(const std::string& path, const HostLoadLimits& limits = {}) {
  LoadPlan plan = PlanLoadFiles({path}, limits);
  EXPECT_TRUE(plan.accepted.empty()) << path;
  EXPECT_EQ(plan.refused.size(), 1u) << path;
  return plan.refused.empty() ? AppRefusal{} : plan.refused.front();
}

// A host-shaped TBF: Main + Program + name, fixed addresses as tockd's own apps have them
// unless told otherwise, a 64-byte binary with the entry at binary offset `entry_in_binary`.
struct TbfSpec {
  std::string name = "app";
  uint32_t entry_in_binary = 0x28;  // after the 40-byte crt0 header
  uint32_t trailer = 0;
  uint32_t min_ram = 8192;
  bool fixed = true;
  uint32_t fixed_flash_delta = 0;  // added to the right fixed flash address
  uint32_t fixed_ram = TOCK_HOST_RAM_ADDR;
  int32_t init_override = -1;  // raw init_fn_offset instead of the computed one
  uint32_t short_id = 0;       // a ShortId TLV when not 0
  uint32_t version = 0;        // Program binary_version
  bool sha256 = false;         // a SHA-256 credential footer
  bool ecdsa_slot = false;     // an EcdsaNistP256 credential footer (zeros until signed)
};

std::vector<uint8_t> BuildTbf(const TbfSpec& s) {
  tock::tbf::TbfWriter probe;
  auto add = [&](tock::tbf::TbfWriter& w, uint32_t init, uint32_t flash) {
    w.AddMain({init, s.trailer, s.min_ram})
        .AddProgram({init, s.trailer, s.min_ram, tock::tbf::TbfWriter::kAutoBinaryEnd, s.version});
    w.AddPackageName(s.name);
    if (s.short_id != 0) {
      w.AddShortId(s.short_id);
    }
    if (s.fixed) {
      w.AddFixedAddresses({s.fixed_ram, flash});
    }
  };
  add(probe, 0, 0);
  const uint32_t header = probe.HeaderSize();
  const uint32_t init =
      s.init_override >= 0 ? static_cast<uint32_t>(s.init_override) : s.trailer + s.entry_in_binary;
  tock::tbf::TbfWriter w;
  add(w, init, TOCK_HOST_FLASH_ADDR + header + s.trailer + s.fixed_flash_delta);
  w.SetProtectedTrailer(std::vector<uint8_t>(s.trailer));
  w.SetBinary(std::vector<uint8_t>(64, 0x90));
  if (s.sha256) {
    w.AddHashCredential(tock::tbf::CredentialFormat::kSha256);
  }
  if (s.ecdsa_slot) {
    w.AddCredential(tock::tbf::CredentialFormat::kEcdsaNistP256, std::vector<uint8_t>(64, 0));
  }
  return w.Build();
}

std::unique_ptr<AppImage> Image(const TbfSpec& s, const std::string& file = "app.tbf") {
  auto image = MakeAppImage(file, BuildTbf(s));
  EXPECT_TRUE(image.ok()) << image.status();
  return image.ok() ? *std::move(image) : nullptr;
}

std::string Reason(const TbfSpec& s, const HostLoadLimits& limits = {}) {
  auto image = Image(s);
  if (image == nullptr) {
    return "no image";
  }
  absl::Status st = CheckHostApp(*image, limits);
  return st.ok() ? "ok" : std::string{st.message()};
}

TEST(AppCheckTest, OwnAppsAllLoad) {
  const std::vector<std::string> apps = {
      "apps/examples/blink/blink.tbf",       "apps/examples/buttons/buttons.tbf",
      "apps/examples/counter/counter_a.tbf", "apps/examples/counter/counter_b.tbf",
      "apps/examples/hello/hello.tbf",       "apps/examples/null_syscall/null_syscall.tbf",
      "apps/examples/rng/rng.tbf",           "apps/examples/spin/spin.tbf",
      "tests/security/apps/read_kernel.tbf", "tests/security/apps/restart_fault.tbf",
      "tests/security/apps/wild_write.tbf"};
  LoadPlan plan = PlanLoadFiles(apps, {});
  for (const AppRefusal& r : plan.refused) {
    ADD_FAILURE() << RefusalLine(r);
  }
  EXPECT_EQ(plan.accepted.size(), apps.size());
  for (const auto& image : plan.accepted) {
    // What the check accepts, the host's memory setup accepts too.
    ASSERT_TRUE(image->info.has_fixed_flash) << image->source;
    EXPECT_EQ(image->info.fixed_flash_address, 0x10000100u) << image->source;
    auto mem =
        AppMemory::Create(image->tbf.flash_address,
                          std::span<const uint8_t>(image->bytes.data(), image->bytes.size()),
                          image->info.fixed_ram_address, static_cast<uint32_t>(HostRamFor(*image)));
    EXPECT_TRUE(mem.ok()) << image->source << ": " << mem.status();
  }
}

TEST(AppCheckTest, WriterBuiltHostAppLoads) { EXPECT_EQ(Reason({}), "ok"); }

TEST(AppCheckTest, DisabledAppIsAcceptedAndStaysDisabled) {
  std::vector<uint8_t> tbf = BuildTbf({});
  tbf[8] &= 0xfe;  // flags bit 0: enabled
  const uint32_t header = tbf[2] | (tbf[3] << 8);
  uint32_t sum = 0;
  for (uint32_t i = 0; i + 4 <= header; i += 4) {
    if (i != 12) {
      sum ^= tbf[i] | (tbf[i + 1] << 8) | (tbf[i + 2] << 16) | (uint32_t{tbf[i + 3]} << 24);
    }
  }
  for (int i = 0; i < 4; ++i) {
    tbf[12 + i] = static_cast<uint8_t>(sum >> (8 * i));
  }
  LoadPlan plan = PlanLoadFiles({WriteTemp("disabled.tbf", tbf)}, {});
  ASSERT_EQ(plan.accepted.size(), 1u) << (plan.refused.empty() ? "" : RefusalLine(plan.refused[0]));
  EXPECT_FALSE(plan.accepted[0]->tbf.enabled);
}

TEST(AppCheckTest, UpstreamCortexM4ByName) {
  EXPECT_EQ(RefusalOf(std::string(kVectors) + "blink-2020.cortex-m4.tbf").reason,
            "wrong architecture: built for cortex-m4 (the file is named "
            "'blink-2020.cortex-m4.tbf'); this host runs x32 apps");
}

TEST(AppCheckTest, UpstreamCortexM4RenamedHasAThumbEntry) {
  const std::string path =
      WriteTemp("blink.tbf", ReadBytes(std::string(kVectors) + "blink-2020.cortex-m4.tbf"));
  const AppRefusal r = RefusalOf(path);
  EXPECT_EQ(r.name, "blink");
  EXPECT_EQ(r.reason,
            "wrong architecture: odd entry offset 0x55 (a Thumb/Cortex-M entry; this host runs "
            "x32 apps)");
  for (const char* other : {"hello_world-2020.cortex-m4.tbf", "retro_game.cortex-m4.tbf"}) {
    const std::string p = WriteTemp("renamed.tbf", ReadBytes(std::string(kVectors) + other));
    EXPECT_THAT(RefusalOf(p).reason, HasSubstr("odd entry offset")) << other;
  }
}

TEST(AppCheckTest, UpstreamRiscVByNameAndByFixedAddress) {
  EXPECT_THAT(RefusalOf(std::string(kVectors) + "libtock-rs-hello_world.rv32imc.tbf").reason,
              HasSubstr("wrong architecture: built for rv32imc"));
  const std::string fixed = "retro_game.rv32imac.0x20040080.0x80002800.tbf";
  EXPECT_THAT(RefusalOf(std::string(kVectors) + fixed).reason,
              HasSubstr("wrong architecture: built for rv32imac"));
  const std::string renamed = WriteTemp("retro.tbf", ReadBytes(std::string(kVectors) + fixed));
  EXPECT_EQ(RefusalOf(renamed).reason,
            "fixed flash address 0x20040080 does not match where this host puts the app binary: "
            "0x10000080 (the TBF at 0x10000000 + its 128-byte protected region)");
}

TEST(AppCheckTest, UpstreamTabHasNoHostTbf) {
  const std::string tab = std::string(kVectors) + "blink-2020.tab";
  AppRefusal r = RefusalOf(tab);
  EXPECT_EQ(r.source, tab);
  EXPECT_EQ(r.name, "blink");
  EXPECT_EQ(r.reason,
            "wrong architecture: the bundle has TBFs for cortex-m4 only; this host runs x32 apps");
  // Found by its content whatever its name.
  r = RefusalOf(WriteTemp("blink.tbf", ReadBytes(tab)));
  EXPECT_THAT(r.reason, HasSubstr("the bundle has TBFs for cortex-m4 only"));
}

TEST(AppCheckTest, HostTabMemberLoadsAndBadMemberIsNamed) {
  tock::tbf::Tab tab;
  tab.metadata.name = "two";
  tab.tbfs.push_back({"x32.tbf", "x32", BuildTbf({.name = "good"})});
  std::vector<uint8_t> bad = BuildTbf({.name = "bad"});
  bad[12] ^= 0x5a;
  tab.tbfs.push_back({"x86_64.tbf", "x86_64", bad});
  tab.tbfs.push_back({"cortex-m4.tbf", "cortex-m4", BuildTbf({.name = "arm"})});
  auto bytes = tock::tbf::WriteTab(tab);
  ASSERT_TRUE(bytes.ok());
  const std::string path = WriteTemp("two.tab", *bytes);
  LoadPlan plan = PlanLoadFiles({path}, {});
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(plan.accepted[0]->source, path + ":x32.tbf");
  EXPECT_EQ(plan.accepted[0]->name(), "good");
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(plan.refused[0].source, path + ":x86_64.tbf");
  EXPECT_EQ(plan.refused[0].reason, "malformed TBF: checksum mismatch at byte 12 (base.checksum)");
}

TEST(AppCheckTest, FilesThatAreNotTbfs) {
  EXPECT_THAT(RefusalOf("apps/examples/hello/hello.elf").reason,
              HasSubstr("an ELF file, not a TBF: convert it with `tbf create APP.elf -o APP.tbf "
                        "--name NAME --fixed-addresses`"));
  EXPECT_EQ(RefusalOf(WriteTemp("empty.tbf", {})).reason, "empty file, not a TBF");
  EXPECT_EQ(RefusalOf(WriteTemp("short.tbf", std::vector<uint8_t>(10, 2))).reason,
            "file of 10 bytes is too short for a TBF (its base header alone is 16 bytes)");
  EXPECT_THAT(RefusalOf(WriteTemp("notar.tab", std::vector<uint8_t>(600, 0xee))).reason,
              HasSubstr("named .tab but not a tar bundle (no `ustar` at byte 257); as a TBF: "
                        "malformed TBF: "));
  // A TBF is loaded by its content whatever its name.
  EXPECT_EQ(PlanLoadFiles({WriteTemp("really_a.tab", BuildTbf({}))}, {}).accepted.size(), 1u);
  const AppRefusal missing = RefusalOf(TempPath("missing.tbf"));
  EXPECT_EQ(missing.name, "?");
  EXPECT_EQ(missing.reason, "cannot open the file: No such file or directory");
  const std::string dir = TempPath("a_dir.tbf");
  mkdir(dir.c_str(), 0700);
  EXPECT_EQ(RefusalOf(dir).reason, "a directory, not an app file");
}

TEST(AppCheckTest, MalformedKeepsKindByteAndField) {
  std::vector<uint8_t> tbf = BuildTbf({});
  tbf[12] ^= 0x5a;
  const AppRefusal r = RefusalOf(WriteTemp("bad_checksum.tbf", tbf));
  EXPECT_EQ(r.name, "?");
  EXPECT_EQ(r.reason, "malformed TBF: checksum mismatch at byte 12 (base.checksum)");
}

TEST(AppCheckTest, EntryPoint) {
  EXPECT_EQ(Reason({.entry_in_binary = 0x29}),
            "wrong architecture: odd entry offset 0x29 (a Thumb/Cortex-M entry; this host runs "
            "x32 apps)");
  // The TBF library already refuses an init offset outside the object or in the trailer.
  EXPECT_THAT(RefusalOf(WriteTemp("e1.tbf", BuildTbf({.init_override = 0x7ffffff0}))).reason,
              HasSubstr("malformed TBF: value out of range at byte 36 (program.init_fn_offset)"));
  EXPECT_THAT(RefusalOf(WriteTemp("e2.tbf", BuildTbf({.trailer = 64, .init_override = 8}))).reason,
              HasSubstr("(program.init_fn_offset)"));
  // The check says so too for a header the library let through (defence in depth).
  AppImage image;
  image.file_name = "x.tbf";
  image.info.header_size = 64;
  image.info.protected_trailer_size = 64;
  image.info.flash_size = 512;
  image.info.init_fn_offset = 8;
  EXPECT_EQ(CheckHostApp(image, {}).message(),
            "entry point at byte 72 lies in the protected region (header and trailer end at byte "
            "128), not in the app binary");
  image.info.init_fn_offset = 64 + 100;
  image.info.binary_end_offset = 200;
  EXPECT_EQ(CheckHostApp(image, {}).message(),
            "entry point at byte 228 is past the end of the app binary (byte 200)");
}

TEST(AppCheckTest, ProtectedRegionLargerThanTheTbf) {
  AppImage image;
  image.file_name = "x.tbf";
  image.info.header_size = 64;
  image.info.protected_trailer_size = 1000;
  image.info.flash_size = 512;
  EXPECT_EQ(CheckHostApp(image, {}).message(),
            "protected region (header 64 + trailer 1000 bytes) is larger than the TBF "
            "(total_size 512)");
}

TEST(AppCheckTest, FixedFlashMustBeWhereTheHostLoads) {
  auto image = Image({.fixed_flash_delta = 0x100});
  const uint32_t header = image->info.header_size;
  EXPECT_EQ(CheckHostApp(*image, {}).message(),
            absl::StrFormat("fixed flash address 0x%08x does not match where this host puts the "
                            "app binary: 0x%08x (the TBF at 0x10000000 + its %u-byte protected "
                            "region)",
                            0x10000000u + header + 0x100, 0x10000000u + header, header));
  EXPECT_THAT(Reason({.fixed = false}), HasSubstr("no fixed flash address"));  // a PIC build
}

TEST(AppCheckTest, FixedRamMustBeWhereTheHostPutsRam) {
  EXPECT_EQ(Reason({.fixed_ram = TOCK_HOST_RAM_ADDR}), "ok");
  for (uint32_t ram : {0x30000000u, 0x20001000u, 0x80002800u, 0x10000000u, 0x0F000000u, 0x08048000u,
                       0x00001000u, 0xEFFFF000u, 0xFFFFFFFEu}) {
    EXPECT_EQ(Reason({.fixed_ram = ram}),
              absl::StrFormat("fixed RAM address 0x%08x does not match where this host puts app "
                              "RAM (0x20000000); the app was linked for another board or its "
                              "header was changed",
                              ram));
  }
  // The one address accepted is one the host's memory setup takes.
  auto image = Image({});
  EXPECT_TRUE(AppMemory::Create(TOCK_HOST_FLASH_ADDR,
                                std::span<const uint8_t>(image->bytes.data(), image->bytes.size()),
                                TOCK_HOST_RAM_ADDR, static_cast<uint32_t>(HostRamFor(*image)))
                  .ok());
}

TEST(AppCheckTest, RamRequestOverThePerAppLimit) {
  EXPECT_EQ(Reason({.min_ram = 0x3FFFE000u}),
            "RAM request of 1073733632 bytes is over the per-app limit of 8388608 "
            "(--app-ram-max)");
  EXPECT_EQ(Reason({.min_ram = 8u << 20}), "ok");
  HostLoadLimits big;
  big.max_app_ram = 0xFFFFFFFFu;
  EXPECT_EQ(Reason({.min_ram = 0x3FFFE000u}, big), "ok");  // 1 GiB with the kernel's page
  EXPECT_THAT(Reason({.min_ram = 0x3FFFF001u}, big),
              HasSubstr("over the host's limit for one process"));
}

TEST(AppCheckTest, ArchFromFileName) {
  EXPECT_EQ(ArchFromFileName("cortex-m4.tbf"), "cortex-m4");
  EXPECT_EQ(ArchFromFileName("blink.cortex-m0p.tbf"), "cortex-m0p");
  EXPECT_EQ(ArchFromFileName("rv32imac.0x20040080.0x80002800.tbf"), "rv32imac");
  EXPECT_EQ(ArchFromFileName("app.thumbv7em.tbf"), "thumbv7em");
  EXPECT_EQ(ArchFromFileName("x32.tbf"), "x32");
  EXPECT_EQ(ArchFromFileName("hello.tbf"), std::nullopt);
  EXPECT_EQ(ArchFromFileName("cortex-m4-demo.tbf"), std::nullopt);
  EXPECT_EQ(ArchFromFileName("rv32.tbf"), std::nullopt);
}

TEST(LoadPlanTest, DuplicateNameRefusedNamingTheFirst) {
  const std::string a = WriteTemp("first.tbf", BuildTbf({.name = "same"}));
  const std::string b = WriteTemp("second.tbf", BuildTbf({.name = "same"}));
  LoadPlan plan = PlanLoadFiles({a, b}, {});
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(plan.accepted[0]->source, a);
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(RefusalLine(plan.refused[0]),
            "tockd: not loading " + b + " (same): name 'same' already in use by " + a);
}

TEST(LoadPlanTest, RefusedAppDoesNotTakeItsName) {
  const std::string bad = WriteTemp("odd.tbf", BuildTbf({.name = "x", .entry_in_binary = 1}));
  const std::string good = WriteTemp("good.tbf", BuildTbf({.name = "x"}));
  LoadPlan plan = PlanLoadFiles({bad, good}, {});
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(plan.accepted[0]->source, good);
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(plan.refused[0].source, bad);
}

TEST(LoadPlanTest, ProcessSlotsAndTotalRam) {
  std::vector<std::string> paths;
  paths.reserve(4);
  for (int i = 0; i < 4; ++i) {
    paths.push_back(WriteTemp("a" + std::to_string(i) + ".tbf",
                              BuildTbf({.name = "a" + std::to_string(i), .min_ram = 1u << 20})));
  }
  HostLoadLimits limits;
  limits.max_processes = 3;
  LoadPlan plan = PlanLoadFiles(paths, limits);
  EXPECT_EQ(plan.accepted.size(), 3u);
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(plan.refused[0].reason, "no free process slot (--max-processes=3)");

  limits.max_processes = 16;
  limits.max_total_ram = 2u << 20;  // each app takes 1 MiB + one page
  plan = PlanLoadFiles(paths, limits);
  EXPECT_EQ(plan.accepted.size(), 1u);
  ASSERT_EQ(plan.refused.size(), 3u);
  EXPECT_EQ(plan.refused[0].reason,
            "its 1052672 bytes of RAM would bring the apps' total to 2105344, over the limit of "
            "2097152 (--total-ram-max)");
}

TEST(LoadPlanTest, UnnamedAppGetsAPlaceholder) {
  const std::string a = WriteTemp("noname1.tbf", BuildTbf({.name = ""}));
  const std::string b = WriteTemp("noname2.tbf", BuildTbf({.name = ""}));
  LoadPlan plan = PlanLoadFiles({a, b}, {});
  ASSERT_EQ(plan.accepted.size(), 2u);
  EXPECT_EQ(plan.accepted[0]->name(), "unnamed-1");
  EXPECT_EQ(plan.accepted[1]->name(), "unnamed-2");
  EXPECT_EQ(plan.accepted[1]->tbf.package_name, plan.accepted[1]->placeholder_name.data());
  EXPECT_EQ(plan.notes.size(), 2u);
}

TEST(LoadPlanTest, NamesInRefusalsAreEscaped) {
  const std::string a =
      WriteTemp("nl.tbf", BuildTbf({.name = "evil\nline\\", .min_ram = 1u << 30}));
  const AppRefusal r = RefusalOf(a);
  EXPECT_EQ(r.name, "evil\\x0aline\\\\");
  EXPECT_EQ(RefusalLine(r).find('\n'), std::string::npos);
}

TEST(LoadPlanTest, LoadErrorsInWords) {
  auto image = Image({});
  HostLoadLimits limits;
  EXPECT_EQ(DescribeLoadError(tock::ErrorCode::kNoMem, *image, 16, limits),
            "no free process slot (--max-processes=16)");
  EXPECT_THAT(DescribeLoadError(tock::ErrorCode::kNoMem, *image, 2, limits),
              HasSubstr("could not set up the app's memory"));
  EXPECT_EQ(DescribeLoadError(tock::ErrorCode::kBusy, *image, 2, limits),
            "the kernel refused to load it (BUSY)");
}

constexpr char kKeys[] = "tbf-tools/testdata/keys/";

tock::tbf::EcdsaP256Key Key(const std::string& name) {
  auto key = tock::tbf::EcdsaP256Key::LoadPem(kKeys + name);
  EXPECT_TRUE(key.ok()) << key.status();
  return *key;
}

std::vector<uint8_t> SignedTbf(const TbfSpec& s, const std::string& key = "p256-a.priv.pem") {
  TbfSpec spec = s;
  spec.ecdsa_slot = true;
  std::vector<uint8_t> tbf = BuildTbf(spec);
  EXPECT_TRUE(tock::tbf::SignTbf(tbf, Key(key)).ok());
  return tbf;
}

HostLoadLimits WithKeys(bool require, const std::vector<std::string>& keys = {"p256-a.pub.pem"}) {
  HostLoadLimits limits;
  limits.credentials.require = require;
  for (const std::string& k : keys) {
    limits.credentials.keys.push_back(Key(k));
  }
  return limits;
}

TEST(CredentialsTest, SignedAppAcceptedWithItsKeyAndMarkedSigned) {
  const std::string path = WriteTemp("signed.tbf", SignedTbf({.name = "signed"}));
  LoadPlan plan = PlanLoadFiles({path}, WithKeys(true, {"p256-b.pub.pem", "p256-a.pub.pem"}));
  ASSERT_EQ(plan.accepted.size(), 1u);
  const tock::AppIdentity& id = plan.accepted[0]->tbf.identity;
  EXPECT_EQ(id.credential, tock::CredentialStatus::kSignatureVerified);
  EXPECT_EQ(id.key_index, 1);
  EXPECT_EQ(id.short_id, tock::Crc32Posix("signed", 6));
  EXPECT_EQ(DescribeCredential(id), "signed (key 1)");
}

TEST(CredentialsTest, TamperedByteAndWrongKeyRefused) {
  std::vector<uint8_t> tbf = SignedTbf({.name = "tampered"});
  std::vector<uint8_t> tampered = tbf;
  tampered[tampered.size() - 100] ^= 0x01;  // a binary byte (the footer is 72 bytes)
  AppRefusal r = RefusalOf(WriteTemp("tampered.tbf", tampered), WithKeys(false));
  EXPECT_THAT(r.reason, HasSubstr("ECDSA P-256 signature at byte"));
  EXPECT_THAT(r.reason, HasSubstr("does not verify with any --credential-key"));
  AppRefusal wrong = RefusalOf(WriteTemp("wrongkey.tbf", tbf), WithKeys(false, {"p256-b.pub.pem"}));
  EXPECT_THAT(wrong.reason, HasSubstr("does not verify with any --credential-key"));
}

TEST(CredentialsTest, RequireCredentialsRefusesUnsignedAndHashOnlyWhenKeysAreGiven) {
  AppRefusal unsigned_app =
      RefusalOf(WriteTemp("unsigned.tbf", BuildTbf({.name = "u"})), WithKeys(true));
  EXPECT_THAT(unsigned_app.reason,
              HasSubstr("no accepted credential (--require-credentials): the TBF has no ECDSA"));
  AppRefusal hash_only =
      RefusalOf(WriteTemp("hash.tbf", BuildTbf({.name = "h", .sha256 = true})), WithKeys(true));
  EXPECT_THAT(hash_only.reason, HasSubstr("a hash proves integrity"));
  // Without keys a SHA-256 footer is the accepted credential (upstream's SHA-256 AppID board).
  HostLoadLimits no_keys;
  no_keys.credentials.require = true;
  LoadPlan plan =
      PlanLoadFiles({WriteTemp("hash2.tbf", BuildTbf({.name = "h", .sha256 = true}))}, no_keys);
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(DescribeCredential(plan.accepted[0]->tbf.identity), "hash (SHA256)");
  EXPECT_THAT(RefusalOf(WriteTemp("u2.tbf", BuildTbf({.name = "u"})), no_keys).reason,
              HasSubstr("this TBF has none"));
}

TEST(CredentialsTest, DefaultPolicyAcceptsUnsignedAndUncheckableSignatures) {
  const std::string plain = WriteTemp("plain.tbf", BuildTbf({.name = "plain"}));
  const std::string sig = WriteTemp("sig.tbf", SignedTbf({.name = "sig"}));
  LoadPlan plan = PlanLoadFiles({plain, sig}, {});
  ASSERT_EQ(plan.accepted.size(), 2u);
  EXPECT_EQ(plan.accepted[0]->tbf.identity.credential, tock::CredentialStatus::kNone);
  EXPECT_EQ(plan.accepted[1]->tbf.identity.credential, tock::CredentialStatus::kNone);
}

TEST(CredentialsTest, BadKeyFilesNameTheFlag) {
  CredentialPolicy policy;
  absl::Status st = AddCredentialKeys(std::string(kKeys) + "p256-a.pub.pem,nope.pem", policy);
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), HasSubstr("--credential-key nope.pem"));
  EXPECT_EQ(policy.keys.size(), 1u);
}

TEST(LoadPlanTest, SameShortIdSecondIsNotStarted) {
  const std::string a = WriteTemp("sid_a.tbf", BuildTbf({.name = "one", .short_id = 0x42}));
  const std::string b = WriteTemp("sid_b.tbf", BuildTbf({.name = "two", .short_id = 0x42}));
  LoadPlan plan = PlanLoadFiles({a, b}, {});
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(plan.accepted[0]->source, a);
  EXPECT_EQ(plan.accepted[0]->tbf.identity.short_id, 0x42u);
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_EQ(RefusalLine(plan.refused[0]),
            "tockd: not loading " + b + " (two): ShortId 0x00000042 already in use by " + a +
                " (two processes with the same ShortId never run at once; it is not started)");
}

TEST(LoadPlanTest, SameShortIdNewerVersionWinsWhereverItIs) {
  const std::string old_app =
      WriteTemp("v1.tbf", BuildTbf({.name = "old", .short_id = 7, .version = 1}));
  const std::string new_app =
      WriteTemp("v2.tbf", BuildTbf({.name = "new", .short_id = 7, .version = 2}));
  LoadPlan plan = PlanLoadFiles({old_app, new_app}, {});
  ASSERT_EQ(plan.accepted.size(), 1u);
  EXPECT_EQ(plan.accepted[0]->source, new_app);
  ASSERT_EQ(plan.refused.size(), 1u);
  EXPECT_THAT(plan.refused[0].reason, HasSubstr("only the newest app with a ShortId"));
  // Unnamed apps without a ShortId TLV are LocallyUnique: both load.
  LoadPlan unnamed = PlanLoadFiles(
      {WriteTemp("n1.tbf", BuildTbf({.name = ""})), WriteTemp("n2.tbf", BuildTbf({.name = ""}))},
      {});
  EXPECT_EQ(unnamed.accepted.size(), 2u);
}

TEST(ParseByteSizeTest, SuffixesAndErrors) {
  EXPECT_EQ(*ParseByteSize("4096"), 4096u);
  EXPECT_EQ(*ParseByteSize("512K"), 512u << 10);
  EXPECT_EQ(*ParseByteSize("8M"), 8u << 20);
  EXPECT_EQ(*ParseByteSize("1g"), 1u << 30);
  EXPECT_FALSE(ParseByteSize("").ok());
  EXPECT_FALSE(ParseByteSize("M").ok());
  EXPECT_FALSE(ParseByteSize("-1").ok());
  EXPECT_FALSE(ParseByteSize("8MB").ok());
  EXPECT_FALSE(ParseByteSize("99999999999999G").ok());
}

TEST(AppCheckTest, OverlappingWriteableFlashRegions) {
  auto image = Image({});
  ASSERT_EQ(CheckHostApp(*image, {}).message(), "");
  const uint32_t at = image->info.header_size + image->info.protected_trailer_size;
  image->tbf.num_writeable_regions = 2;
  image->tbf.writeable_regions[0] = {at, 0x20};
  image->tbf.writeable_regions[1] = {at + 0x20, 0x10};  // adjacent: fine
  EXPECT_TRUE(CheckHostApp(*image, {}).ok()) << CheckHostApp(*image, {});
  image->tbf.writeable_regions[1] = {at + 0x10, 0x20};
  EXPECT_EQ(CheckHostApp(*image, {}).message(),
            absl::StrFormat("writeable flash regions 0 (bytes %u-%u) and 1 (bytes %u-%u) overlap",
                            at, at + 0x20, at + 0x10, at + 0x30));
  image->tbf.num_writeable_regions = 1;
  image->tbf.writeable_regions[0] = {0, 0x200};
  EXPECT_THAT(CheckHostApp(*image, {}).message(),
              HasSubstr("writeable flash region 0 (bytes 0-512) is not inside the app binary"));
}

TEST(AppCheckTest, KernelVersionLikeUpstream) {
  auto image = Image({});
  image->info.has_kernel_version = true;
  for (auto [major, minor] : {std::pair{2, 0}, {2, 2}, {2, 3}}) {
    image->info.kernel_major = major;
    image->info.kernel_minor = minor;
    EXPECT_TRUE(CheckHostApp(*image, {}).ok()) << major << "." << minor;
  }
  for (auto [major, minor] : {std::pair{2, 4}, {1, 0}, {3, 0}, {2, 99}}) {
    image->info.kernel_major = major;
    image->info.kernel_minor = minor;
    EXPECT_THAT(
        CheckHostApp(*image, {}).message(),
        HasSubstr(absl::StrFormat("built for Tock kernel %d.%d; tockd is Tock 2.3", major, minor)));
  }
}

}  // namespace
}  // namespace tock::hostkernel
