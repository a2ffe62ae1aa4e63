// Checks that every wrapped Debian library links and works at a basic level, so a
// missing or mismatched -dev package shows up as one clear test failure.
#include <elfutils/libdwfl.h>
#include <gtest/gtest.h>
#include <libelf.h>
#include <liburing.h>
#include <seccomp.h>

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
