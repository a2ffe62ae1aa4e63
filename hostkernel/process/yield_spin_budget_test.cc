// YieldSpinBudget: spin while it pays, stop when it does not, probe now and then.
#include "hostkernel/process/yield_spin_budget.h"

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

TEST(YieldSpinBudgetTest, HitsKeepTheFullBudget) {
  YieldSpinBudget b(64);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(b.checks(), 64u);
    b.Answered(/*app_was_asleep=*/false);
  }
}

TEST(YieldSpinBudgetTest, WastedSpinsStopSpinningAndProbesComeBack) {
  YieldSpinBudget b(64);
  for (uint32_t i = 0; i < YieldSpinBudget::kMaxMisses; ++i) {
    EXPECT_EQ(b.checks(), 64u);
    b.Answered(true);
  }
  // An idle app: sleeps at once, except for one probe every kProbeEvery yields.
  int probes = 0;
  for (uint32_t i = 0; i < 10 * YieldSpinBudget::kProbeEvery; ++i) {
    if (b.checks() != 0) {
      ++probes;
    }
    b.Answered(true);
  }
  EXPECT_EQ(probes, 10);
}

TEST(YieldSpinBudgetTest, OneHitRestoresTheBudget) {
  YieldSpinBudget b(64);
  for (uint32_t i = 0; i < YieldSpinBudget::kMaxMisses; ++i) {
    b.Answered(true);
  }
  ASSERT_EQ(b.checks(), 0u);
  b.Answered(false);  // e.g. an answer that came before the app even went to sleep
  EXPECT_EQ(b.checks(), 64u);
}

TEST(YieldSpinBudgetTest, ZeroMeansNeverSpin) {
  YieldSpinBudget b(0);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(b.checks(), 0u);
    b.Answered(i % 2 == 0);
  }
}

}  // namespace
}  // namespace tock::hostkernel
