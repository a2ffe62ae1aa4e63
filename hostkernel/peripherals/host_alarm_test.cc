// HostAlarm: fires at exactly the requested tick in virtual time, across 32-bit (and 24-bit)
// wrap; a reference+dt already in the past fires on the next iteration, not inside SetAlarm;
// Disarm stops it; a client may re-arm from its callback.
#include "hostkernel/peripherals/host_alarm.h"

#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/virtual_clock.h"

namespace tock::hostkernel {
namespace {

using ::tock::hil::time::Ticks24;
using ::tock::hil::time::Ticks32;

template <typename A>
struct Recorder : ::tock::hil::time::AlarmClient {
  explicit Recorder(A& a) : alarm(a) {}
  void Alarm() override { fired_at.push_back(alarm.Now().value()); }
  A& alarm;
  std::vector<uint32_t> fired_at;
};

// Runs the "all processes idle" loop: jump to deadlines until nothing is pending.
void RunIdle(PollReactor& r, VirtualClock& c, int max_jumps = 100) {
  for (int i = 0; i < max_jumps && c.AdvanceToNextDeadline(); ++i) {
    r.RunPosted();
  }
}

TEST(HostAlarmTest, TicksFollowTheClockAtTheConfiguredFrequency) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock, 1'000'000);
  EXPECT_EQ(alarm.Frequency(), 1'000'000u);
  clock.Advance(2'500'000);  // 2.5 ms
  EXPECT_EQ(alarm.Now().value(), 2500u);
  HostAlarm<Ticks32> slow(clock);  // default 32768 Hz
  EXPECT_EQ(slow.Frequency(), 32768u);
  clock.Advance(1'000'000'000 - 2'500'000);
  EXPECT_EQ(slow.Now().value(), 32768u);
}

TEST(HostAlarmTest, FiresExactlyAtExpirationInVirtualTime) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  alarm.SetAlarm(alarm.Now(), Ticks32(32768 * 60));  // one minute
  EXPECT_TRUE(alarm.IsArmed());
  EXPECT_EQ(alarm.GetAlarm().value(), 32768u * 60);
  RunIdle(r, clock);
  EXPECT_EQ(rec.fired_at, (std::vector<uint32_t>{32768u * 60}));
  EXPECT_FALSE(alarm.IsArmed());
  EXPECT_EQ(clock.NowNs(), 60'000'000'000u);
}

TEST(HostAlarmTest, WrapsAt32BitsAndFiresAfterTheWrap) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock, 32768, /*initial_ticks=*/0xFFFFFF00u);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  EXPECT_EQ(alarm.Now().value(), 0xFFFFFF00u);
  alarm.SetAlarm(alarm.Now(), Ticks32(0x200));  // expires at 0x100 after wrapping
  RunIdle(r, clock);
  ASSERT_EQ(rec.fired_at.size(), 1u);
  EXPECT_EQ(rec.fired_at[0], 0x100u);
}

TEST(HostAlarmTest, TwentyFourBitTicksWrapAtTwoToThe24) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks24> alarm(clock, 32768, 0xFFFFF0u);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  alarm.SetAlarm(alarm.Now(), Ticks24(0x20));
  RunIdle(r, clock);
  EXPECT_EQ(rec.fired_at, (std::vector<uint32_t>{0x10u}));
}

TEST(HostAlarmTest, ReferenceInThePastUsesReferencePlusDtNotNowPlusDt) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock, 1'000'000);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  clock.Advance(1'000'000);                    // now = 1000 ticks
  alarm.SetAlarm(Ticks32(900), Ticks32(300));  // expires at 1200
  RunIdle(r, clock);
  EXPECT_EQ(rec.fired_at, (std::vector<uint32_t>{1200u}));
}

TEST(HostAlarmTest, AlreadyExpiredFiresOnNextIterationNotInsideSetAlarm) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock, 1'000'000);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  clock.Advance(5'000'000);  // now = 5000
  alarm.SetAlarm(Ticks32(1000), Ticks32(10));
  EXPECT_TRUE(rec.fired_at.empty());
  r.RunPosted();
  EXPECT_EQ(rec.fired_at, (std::vector<uint32_t>{5000u}));
}

TEST(HostAlarmTest, DisarmPreventsFiringAndResetReplacesTheSetting) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock, 1000);
  Recorder rec(alarm);
  alarm.SetAlarmClient(rec);
  alarm.SetAlarm(Ticks32(0), Ticks32(10));
  ASSERT_TRUE(alarm.Disarm().ok());
  EXPECT_FALSE(alarm.IsArmed());
  RunIdle(r, clock);
  EXPECT_TRUE(rec.fired_at.empty());
  alarm.SetAlarm(Ticks32(0), Ticks32(10));
  alarm.SetAlarm(Ticks32(0), Ticks32(30));
  RunIdle(r, clock);
  EXPECT_EQ(rec.fired_at, (std::vector<uint32_t>{30u}));
}

struct Blinker : ::tock::hil::time::AlarmClient {
  explicit Blinker(HostAlarm<Ticks32>& a) : alarm(a) {}
  void Alarm() override {
    ++count;
    alarm.SetAlarm(alarm.GetAlarm(), Ticks32(alarm.Frequency()));
  }
  HostAlarm<Ticks32>& alarm;
  int count = 0;
};

TEST(HostAlarmTest, RearmingFromCallbackGivesOneFirePerVirtualSecond) {
  PollReactor r;
  VirtualClock clock(r);
  HostAlarm<Ticks32> alarm(clock);
  Blinker b(alarm);
  alarm.SetAlarmClient(b);
  alarm.SetAlarm(alarm.Now(), Ticks32(alarm.Frequency()));
  RunIdle(r, clock, 60);
  EXPECT_EQ(b.count, 60);
  EXPECT_EQ(clock.NowNs(), 60'000'000'000u);
}

}  // namespace
}  // namespace tock::hostkernel
