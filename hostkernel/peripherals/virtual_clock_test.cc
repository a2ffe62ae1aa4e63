// VirtualClock: time only moves when told; AdvanceToNextDeadline jumps exactly to the earliest
// timer; due timers run from the loop in deadline order; charges use the documented costs.
// RealClock: starts near 0 and its timers fire through the reactor.
#include "hostkernel/peripherals/virtual_clock.h"

#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/real_clock.h"

namespace tock::hostkernel {
namespace {

TEST(VirtualClockTest, TimeMovesOnlyWhenAdvanced) {
  PollReactor r;
  VirtualClock clock(r);
  EXPECT_EQ(clock.NowNs(), 0u);
  r.RunPosted();
  EXPECT_EQ(clock.NowNs(), 0u);
  clock.Advance(500);
  EXPECT_EQ(clock.NowNs(), 500u);
  clock.ChargeSyscall();
  clock.ChargeTimeslice();
  EXPECT_EQ(clock.NowNs(), 500u + VirtualClock::kSyscallCostNs + VirtualClock::kTimesliceCostNs);
  clock.ChargeFault();
  EXPECT_EQ(clock.NowNs(), 500u + VirtualClock::kSyscallCostNs + VirtualClock::kTimesliceCostNs +
                               VirtualClock::kFaultCostNs);
}

TEST(VirtualClockTest, JumpsToEarliestDeadlineAndFiresFromTheLoop) {
  PollReactor r;
  VirtualClock clock(r);
  std::vector<int> fired;
  std::vector<uint64_t> at;
  clock.ScheduleAt(3'000'000'000, [&] {
    fired.push_back(3);
    at.push_back(clock.NowNs());
  });
  clock.ScheduleAt(1'000'000'000, [&] {
    fired.push_back(1);
    at.push_back(clock.NowNs());
  });
  EXPECT_EQ(clock.NextDeadline(), 1'000'000'000u);

  ASSERT_TRUE(clock.AdvanceToNextDeadline());
  EXPECT_EQ(clock.NowNs(), 1'000'000'000u);
  EXPECT_TRUE(fired.empty());  // not inside the call
  r.RunPosted();
  EXPECT_EQ(fired, (std::vector<int>{1}));

  ASSERT_TRUE(clock.AdvanceToNextDeadline());
  r.RunPosted();
  EXPECT_EQ(fired, (std::vector<int>{1, 3}));
  EXPECT_EQ(at, (std::vector<uint64_t>{1'000'000'000, 3'000'000'000}));
  EXPECT_FALSE(clock.AdvanceToNextDeadline());  // nothing left: time stays put
  EXPECT_EQ(clock.NowNs(), 3'000'000'000u);
}

TEST(VirtualClockTest, AdvancePastSeveralDeadlinesRunsThemInOrderAndCancelWorks) {
  PollReactor r;
  VirtualClock clock(r);
  std::vector<int> fired;
  clock.ScheduleAt(20, [&] { fired.push_back(20); });
  auto gone = clock.ScheduleAt(15, [&] { fired.push_back(15); });
  clock.ScheduleAt(10, [&] { fired.push_back(10); });
  clock.ScheduleAt(10, [&] { fired.push_back(11); });  // tie: registration order
  clock.ScheduleAt(99, [&] { fired.push_back(99); });
  clock.Cancel(gone);
  clock.Advance(50);
  r.RunPosted();
  EXPECT_EQ(fired, (std::vector<int>{10, 11, 20}));
  EXPECT_EQ(clock.pending_timers(), 1u);
}

TEST(VirtualClockTest, DeadlineNotAfterNowFiresOnNextIterationNotInline) {
  PollReactor r;
  VirtualClock clock(r, 1000);
  int fired = 0;
  clock.ScheduleAt(10, [&] { ++fired; });
  EXPECT_EQ(fired, 0);
  r.RunPosted();
  EXPECT_EQ(fired, 1);
}

// Posts are queued and run one at a time, so a test can see each dispatch pass.
class StepReactor final : public Reactor {
 public:
  Id WatchReadable(int, Callback) override { return 0; }
  Id WatchWritable(int, Callback) override { return 0; }
  void Unwatch(Id) override {}
  Id RunAt(uint64_t, Callback) override { return 0; }
  void CancelTimer(Id) override {}
  void Post(Callback fn) override { posts.push_back(std::move(fn)); }
  bool RunOne() {
    if (posts.empty()) {
      return false;
    }
    Callback fn = std::move(posts.front());
    posts.erase(posts.begin());
    fn();
    return true;
  }
  std::vector<Callback> posts;
};

TEST(VirtualClockTest, CallbackReArmingAtNowRunsInTheNextPassNotTheSameOne) {
  StepReactor r;
  VirtualClock clock(r);
  int fired = 0;
  std::function<void()> again = [&] {
    ++fired;
    clock.ScheduleAt(0, again);
  };
  clock.ScheduleAt(0, again);
  ASSERT_TRUE(r.RunOne());
  EXPECT_EQ(fired, 1);
  EXPECT_EQ(r.posts.size(), 1u);  // the next pass is queued behind other loop work
  ASSERT_TRUE(r.RunOne());
  EXPECT_EQ(fired, 2);
}

TEST(RealClockTest, StartsNearZeroAndTimersFireThroughTheReactor) {
  PollReactor r;
  RealClock clock(r);
  EXPECT_LT(clock.NowNs(), 1'000'000'000u);
  bool fired = false;
  uint64_t deadline = clock.NowNs() + 1'000'000;  // 1 ms
  clock.ScheduleAt(deadline, [&] { fired = true; });
  EXPECT_TRUE(r.RunUntil([&] { return fired; }));
  EXPECT_GE(clock.NowNs(), deadline);
}

}  // namespace
}  // namespace tock::hostkernel
