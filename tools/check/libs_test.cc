#include <gtest/gtest.h>
#include <liburing.h>
#include <seccomp.h>
#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"
ABSL_FLAG(int, x, 3, "x");
TEST(Libs, Link) {
  io_uring ring; ASSERT_EQ(io_uring_queue_init(4, &ring, 0), 0); io_uring_queue_exit(&ring);
  scmp_filter_ctx c = seccomp_init(SCMP_ACT_KILL); seccomp_release(c);
  absl::StatusOr<int> s = absl::InvalidArgumentError(absl::StrCat("a", absl::GetFlag(FLAGS_x)));
  spdlog::info("{}", s.status().ToString());
}
