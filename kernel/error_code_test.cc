#include "kernel/error_code.h"

#include <gtest/gtest.h>

namespace tock {
namespace {

TEST(ErrorCodeTest, ValuesMatchUpstreamNumbering) {
  EXPECT_EQ(ToU32(ErrorCode::kFail), 1u);
  EXPECT_EQ(ToU32(ErrorCode::kBusy), 2u);
  EXPECT_EQ(ToU32(ErrorCode::kAlready), 3u);
  EXPECT_EQ(ToU32(ErrorCode::kOff), 4u);
  EXPECT_EQ(ToU32(ErrorCode::kReserve), 5u);
  EXPECT_EQ(ToU32(ErrorCode::kInval), 6u);
  EXPECT_EQ(ToU32(ErrorCode::kSize), 7u);
  EXPECT_EQ(ToU32(ErrorCode::kCancel), 8u);
  EXPECT_EQ(ToU32(ErrorCode::kNoMem), 9u);
  EXPECT_EQ(ToU32(ErrorCode::kNoSupport), 10u);
  EXPECT_EQ(ToU32(ErrorCode::kNoDevice), 11u);
  EXPECT_EQ(ToU32(ErrorCode::kUninstalled), 12u);
  EXPECT_EQ(ToU32(ErrorCode::kNoAck), 13u);
}

TEST(ResultTest, HoldsValueOrError) {
  Result<uint32_t> ok = 42u;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value(), 42u);
  EXPECT_EQ(ok.value_or(7), 42u);
  Result<uint32_t> err = ErrorCode::kBusy;
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.error(), ErrorCode::kBusy);
  EXPECT_EQ(err.value_or(7), 7u);
}

TEST(ResultTest, CopiesAndMovesKeepTheAlternative) {
  Result<uint32_t> a = 5u;
  Result<uint32_t> b = ErrorCode::kSize;
  Result<uint32_t> c = a;
  EXPECT_EQ(c.value(), 5u);
  c = b;
  EXPECT_EQ(c.error(), ErrorCode::kSize);
  c = Result<uint32_t>(9u);
  EXPECT_EQ(c.value(), 9u);
  Result<uint32_t> d(std::move(b));
  EXPECT_EQ(d.error(), ErrorCode::kSize);
  Result<uint32_t> e(std::move(a));
  EXPECT_EQ(e.value(), 5u);
  e = std::move(d);
  EXPECT_FALSE(e.ok());
  c = c;  // self-assignment keeps the value
  EXPECT_EQ(c.value(), 9u);
}

TEST(ResultTest, VoidResultAndStatusCode) {
  Result<void> ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_TRUE(Result<void>::Ok().ok());
  Result<void> err = ErrorCode::kNoMem;
  EXPECT_FALSE(err.ok());
  EXPECT_EQ(err.error(), ErrorCode::kNoMem);
  EXPECT_EQ(ToStatusCode(ok), 0u);
  EXPECT_EQ(ToStatusCode(err), 9u);
}

}  // namespace
// TOCK_TRY passes a success through and returns the first error from the enclosing function.
Result<int> AddBothOrFail(Result<int> a, Result<void> gate, int* reached) {
  TOCK_TRY(gate);
  ++*reached;
  TOCK_TRY(a);
  ++*reached;
  return a.value() + 1;
}

TEST(ResultTest, TryReturnsTheFirstError) {
  int reached = 0;
  EXPECT_EQ(AddBothOrFail(41, Result<void>::Ok(), &reached).value(), 42);
  EXPECT_EQ(reached, 2);
  reached = 0;
  Result<int> r = AddBothOrFail(41, ErrorCode::kBusy, &reached);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), ErrorCode::kBusy);
  EXPECT_EQ(reached, 0);
  r = AddBothOrFail(ErrorCode::kNoMem, Result<void>::Ok(), &reached);
  EXPECT_EQ(r.error(), ErrorCode::kNoMem);
  EXPECT_EQ(reached, 1);
}

}  // namespace tock
