// Checks that every wrapped Debian library links and works at a basic level, so a
// missing or mismatched -dev package shows up as one clear test failure.
#include <archive.h>
#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>
#include <libelf.h>
#include <liburing.h>
#include <openssl/evp.h>
#include <seccomp.h>
#include <toml++/toml.h>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(int, answer, 42, "a flag to prove Abseil flags link");

TEST(SystemLibs, LiburingCreatesARing) {
  io_uring ring;
  ASSERT_EQ(io_uring_queue_init(4, &ring, 0), 0);
  io_uring_queue_exit(&ring);
}

TEST(SystemLibs, LibseccompBuildsAnI386Filter) {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(seccomp_arch_add(ctx, SCMP_ARCH_X86), 0);
  seccomp_release(ctx);
}

TEST(SystemLibs, AbseilAndSpdlogWork) {
  absl::StatusOr<int> value =
      absl::InvalidArgumentError(absl::StrCat("x", absl::GetFlag(FLAGS_answer)));
  EXPECT_EQ(value.status().message(), "x42");
  spdlog::info("spdlog works: {}", value.status().ToString());
}

TEST(SystemLibs, LibdwStartsASession) {
  EXPECT_NE(elf_version(EV_CURRENT), EV_NONE);
  const Dwfl_Callbacks callbacks = {.find_elf = nullptr,
                                    .find_debuginfo = nullptr,
                                    .section_address = dwfl_offline_section_address,
                                    .debuginfo_path = nullptr};
  Dwfl* dwfl = dwfl_begin(&callbacks);
  ASSERT_NE(dwfl, nullptr);
  dwfl_end(dwfl);
}

TEST(SystemLibs, LibarchiveOpensAWriter) {
  archive* a = archive_write_new();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(archive_write_set_format_ustar(a), ARCHIVE_OK);
  archive_write_free(a);
}

TEST(SystemLibs, TomlPlusPlusParses) {
  toml::table t = toml::parse("tab-version = 1\n");
  EXPECT_EQ(t["tab-version"].value<int64_t>(), 1);
}

TEST(SystemLibs, LibcryptoHashes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ASSERT_EQ(EVP_Digest("abc", 3, md, &len, EVP_sha256(), nullptr), 1);
  EXPECT_EQ(len, 32u);
  EXPECT_EQ(md[0], 0xba);  // SHA-256("abc") = ba7816bf...
}
