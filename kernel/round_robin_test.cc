#include "kernel/round_robin.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace tock {
namespace {

TEST(RoundRobinTest, EveryReadyProcessGetsATurnBeforeAnyGetsTwo) {
  RoundRobinScheduler rr(1000);
  std::array<bool, 4> ready{true, false, true, true};
  std::vector<size_t> order;
  for (int i = 0; i < 6; ++i) {
    auto c = rr.Next(ready.size(), [&](size_t k) { return ready[k]; });
    ASSERT_TRUE(c);
    EXPECT_EQ(c->timeslice_us, 1000u);
    order.push_back(c->index);
    rr.TurnEnded(c->index);
  }
  EXPECT_EQ(order, (std::vector<size_t>{0, 2, 3, 0, 2, 3}));
}

TEST(RoundRobinTest, NothingReadyMeansNoChoice) {
  RoundRobinScheduler rr;
  EXPECT_EQ(rr.timeslice_us(), kDefaultTimesliceUs);
  EXPECT_FALSE(rr.Next(3, [](size_t) { return false; }));
  EXPECT_FALSE(rr.Next(0, [](size_t) { return true; }));
}

TEST(RoundRobinTest, PreemptedProcessKeepsItsTurnWithTheRemainder) {
  RoundRobinScheduler rr(1000);
  auto all = [](size_t) { return true; };
  auto c = rr.Next(3, all);
  ASSERT_EQ(c->index, 0u);
  rr.Preempted(0, c->timeslice_us, 300);
  c = rr.Next(3, all);
  EXPECT_EQ(c->index, 0u);
  EXPECT_EQ(c->timeslice_us, 700u);
  rr.Preempted(0, c->timeslice_us, 700);  // used it all: turn ends
  c = rr.Next(3, all);
  EXPECT_EQ(c->index, 1u);
  EXPECT_EQ(c->timeslice_us, 1000u);
}

TEST(RoundRobinTest, PreemptedProcessThatIsNoLongerReadyLosesItsTurn) {
  RoundRobinScheduler rr(1000);
  std::array<bool, 2> ready{true, true};
  auto c = rr.Next(2, [&](size_t k) { return ready[k]; });
  rr.Preempted(c->index, 1000, 10);
  ready[0] = false;
  c = rr.Next(2, [&](size_t k) { return ready[k]; });
  EXPECT_EQ(c->index, 1u);
  EXPECT_EQ(c->timeslice_us, 1000u);
}

}  // namespace
}  // namespace tock
