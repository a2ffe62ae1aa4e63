#include "hostkernel/status/status_macros.h"

#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace {

absl::StatusOr<int> Twice(absl::StatusOr<int> in, int* reached) {
  TOCKPP_RETURN_IF_ERROR(in.status());
  ++*reached;
  return *in * 2;
}

absl::Status Both(const absl::Status& first, const absl::Status& second, int* reached) {
  TOCKPP_RETURN_IF_ERROR(first);
  ++*reached;
  TOCKPP_RETURN_IF_ERROR(second);
  ++*reached;
  return absl::OkStatus();
}

TEST(StatusMacrosTest, PassesSuccessOnAndReturnsTheFirstError) {
  int reached = 0;
  EXPECT_EQ(*Twice(21, &reached), 42);
  EXPECT_EQ(reached, 1);
  absl::StatusOr<int> failed = Twice(absl::NotFoundError("no app"), &reached);
  EXPECT_EQ(failed.status(), absl::NotFoundError("no app"));
  EXPECT_EQ(reached, 1);

  reached = 0;
  EXPECT_TRUE(Both(absl::OkStatus(), absl::OkStatus(), &reached).ok());
  EXPECT_EQ(reached, 2);
  reached = 0;
  EXPECT_EQ(Both(absl::OkStatus(), absl::InternalError("b"), &reached), absl::InternalError("b"));
  EXPECT_EQ(reached, 1);
  reached = 0;
  EXPECT_EQ(Both(absl::AbortedError("a"), absl::InternalError("b"), &reached),
            absl::AbortedError("a"));
  EXPECT_EQ(reached, 0);
}

}  // namespace
