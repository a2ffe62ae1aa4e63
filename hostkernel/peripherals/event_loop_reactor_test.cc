// EventLoopReactor: posts run after the current callback in FIFO order, monotonic timers and
// fd watches work through the real io_uring EventLoop, and peripherals run on it.
#include "hostkernel/peripherals/event_loop_reactor.h"

#include <unistd.h>

#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/host_alarm.h"
#include "hostkernel/peripherals/real_clock.h"

namespace tock::hostkernel {
namespace {

TEST(EventLoopReactorTest, PostsRunFifoAfterTheCurrentCallback) {
  auto loop = EventLoop::Create();
  ASSERT_TRUE(loop.ok());
  EventLoopReactor r(**loop);
  std::vector<int> order;
  r.Post([&] {
    order.push_back(1);
    r.Post([&] { order.push_back(3); });
    order.push_back(2);
  });
  r.Post([&] { order.push_back(4); });
  EXPECT_TRUE(order.empty());
  for (int i = 0; i < 10 && order.size() < 4; ++i) {
    (*loop)->Step(false);
  }
  EXPECT_EQ(order, (std::vector<int>{1, 2, 4, 3}));
}

TEST(EventLoopReactorTest, WatchAndTimerWork) {
  auto loop = EventLoop::Create();
  ASSERT_TRUE(loop.ok());
  EventLoopReactor r(**loop);
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  bool readable = false;
  Reactor::Id w = r.WatchReadable(p[0], [&] {
    char c;
    ASSERT_EQ(read(p[0], &c, 1), 1);
    readable = true;
  });
  ASSERT_EQ(write(p[1], "x", 1), 1);
  bool timer = false;
  r.RunAt(MonotonicNowNs() + 1'000'000, [&] { timer = true; });
  for (int i = 0; i < 100 && !(readable && timer); ++i) {
    (*loop)->Step(true);
  }
  EXPECT_TRUE(readable);
  EXPECT_TRUE(timer);
  r.Unwatch(w);
  close(p[0]);
  close(p[1]);
}

struct Flag : ::tock::hil::time::AlarmClient {
  void Alarm() override { fired = true; }
  bool fired = false;
};

TEST(EventLoopReactorTest, HostAlarmOnRealClockFiresOnTheLoop) {
  auto loop = EventLoop::Create();
  ASSERT_TRUE(loop.ok());
  EventLoopReactor r(**loop);
  RealClock clock(r);
  HostAlarm<> alarm(clock, 1'000'000);
  Flag f;
  alarm.SetAlarmClient(f);
  alarm.SetAlarm(alarm.Now(), ::tock::hil::time::Ticks32(2000));  // 2 ms
  for (int i = 0; i < 100 && !f.fired; ++i) {
    (*loop)->Step(true);
  }
  EXPECT_TRUE(f.fired);
  EXPECT_GE(alarm.Now().value(), 2000u);
}

}  // namespace
}  // namespace tock::hostkernel
