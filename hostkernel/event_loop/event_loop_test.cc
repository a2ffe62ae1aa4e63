// EventLoop with real fds (eventfd, pidfd of a real child) and real timers.
#include "hostkernel/event_loop/event_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <vector>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

using namespace std::chrono_literals;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::unique_ptr<EventLoop> NewLoop() {
  auto loop = EventLoop::Create();
  EXPECT_TRUE(loop.ok()) << loop.status();
  return *std::move(loop);
}

// Time that moves only when the loop reads it, by 1 µs per reading: spin budgets and timer
// deadlines are counted in the loop's own clock readings, so a slow machine (or ASan) cannot
// make a timer come due before the spin that the test counts.
class SteppingClock {
 public:
  EventLoop::Clock::time_point operator()() { return now_ += std::chrono::microseconds(1); }

 private:
  EventLoop::Clock::time_point now_ = EventLoop::Clock::time_point(std::chrono::hours(1));
};

std::unique_ptr<EventLoop> NewSteppingLoop() {
  auto loop = EventLoop::Create(256, SteppingClock());
  EXPECT_TRUE(loop.ok()) << loop.status();
  return *std::move(loop);
}

void Signal(int efd) {
  uint64_t one = 1;
  ASSERT_EQ(write(efd, &one, 8), 8);
}

TEST(EventLoopTest, ReadableEventfdRunsItsCallback) {
  auto loop = NewLoop();
  Fd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  int calls = 0;
  loop->WatchFd(efd.get(), POLLIN, [&](uint32_t revents) {
    EXPECT_TRUE(revents & POLLIN);
    uint64_t v;
    ASSERT_EQ(read(efd.get(), &v, 8), 8);
    ++calls;
  });
  EXPECT_FALSE(loop->Step(false));
  Signal(efd.get());
  EXPECT_TRUE(loop->Step(true));
  EXPECT_EQ(calls, 1);
  Signal(efd.get());
  EXPECT_TRUE(loop->Step(true));
  EXPECT_EQ(calls, 2);
}

TEST(EventLoopTest, UndrainedFdFiresAgain) {
  auto loop = NewLoop();
  Fd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  int calls = 0;
  loop->WatchFd(efd.get(), POLLIN, [&](uint32_t) { ++calls; });
  Signal(efd.get());
  loop->Step(true);
  loop->Step(true);
  EXPECT_EQ(calls, 2);
}

TEST(EventLoopTest, UnwatchFromItsOwnCallbackStopsIt) {
  auto loop = NewLoop();
  Fd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  int calls = 0;
  EventLoop::WatchId id = 0;
  id = loop->WatchFd(efd.get(), POLLIN, [&](uint32_t) {
    ++calls;
    loop->Unwatch(id);
  });
  Signal(efd.get());
  loop->Step(true);
  // Still readable, but nobody watches: a non-blocking step runs nothing.
  loop->AddTimerAfter(0ns, [] {});
  loop->Step(true);
  EXPECT_FALSE(loop->Step(false));
  EXPECT_EQ(calls, 1);
}

TEST(EventLoopTest, TimersRunInDeadlineOrderAndCancelWorks) {
  auto loop = NewLoop();
  std::vector<int> order;
  auto now = EventLoop::Clock::now();
  loop->AddTimer(now + 3ms, [&] { order.push_back(3); });
  loop->AddTimer(now + 1ms, [&] { order.push_back(1); });
  auto cancelled = loop->AddTimer(now + 2ms, [&] { order.push_back(2); });
  loop->AddTimer(now + 4ms, [&] { loop->Stop(); });
  EXPECT_TRUE(loop->CancelTimer(cancelled));
  EXPECT_FALSE(loop->CancelTimer(cancelled));
  loop->Run();
  EXPECT_EQ(order, (std::vector<int>{1, 3}));
  EXPECT_GE(EventLoop::Clock::now(), now + 4ms);
}

TEST(EventLoopTest, ChildExitIsSeenThroughItsPidfd) {
  auto loop = NewLoop();
  pid_t pid = fork();
  if (pid == 0) {
    _exit(3);
  }
  Fd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  bool exited = false;
  loop->WatchFd(pidfd.get(), POLLIN, [&](uint32_t) {
    siginfo_t si{};
    ASSERT_EQ(waitid(P_PIDFD, pidfd.get(), &si, WEXITED), 0);
    EXPECT_EQ(si.si_status, 3);
    exited = true;
    loop->Stop();
  });
  loop->Run();
  EXPECT_TRUE(exited);
}

class FakeSpin : public SpinSource {
 public:
  void BeginSpin() override { ++begins; }
  void EndSpin() override { ++ends; }
  bool SpinPoll() override { return ++polls >= ready_after; }
  int begins = 0, ends = 0, polls = 0, ready_after = 0;
};

TEST(EventLoopTest, SpinFindsWorkWithoutBlocking) {
  auto loop = NewSteppingLoop();  // 50 polls take 3 clock readings of the 25 µs budget
  FakeSpin spin;
  spin.ready_after = 50;
  loop->SetSpinSource(&spin);
  EXPECT_TRUE(loop->Step(true));
  EXPECT_EQ(spin.polls, 50);
  EXPECT_EQ(spin.begins, 1);
  EXPECT_EQ(spin.ends, 0);  // stays spinning: the app's next request needs no wake-up
  EXPECT_EQ(loop->stats().spin_hits, 1u);
  // Replacing the source ends its spin.
  loop->SetSpinSource(nullptr);
  EXPECT_EQ(spin.ends, 1);
  EXPECT_EQ(loop->stats().blocking_waits, 0u);
}

TEST(EventLoopTest, SpinGivesUpAfterBudgetThenBlocks) {
  auto loop = NewSteppingLoop();  // the timer comes due only after the spin gave up
  FakeSpin spin;
  spin.ready_after = 1 << 30;
  loop->SetSpinSource(&spin);
  loop->set_spin_budget(20us);
  Fd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  bool fired = false;
  loop->WatchFd(efd.get(), POLLIN, [&](uint32_t) { fired = true; });
  loop->AddTimerAfter(100us, [&] { Signal(efd.get()); });
  while (!fired) {
    loop->Step(true);
  }
  EXPECT_GE(loop->stats().spin_misses, 1u);
  EXPECT_GE(loop->stats().blocking_waits, 1u);
  EXPECT_EQ(spin.begins, spin.ends);
}

TEST(EventLoopTest, SpinStopsEarlyWhenACompletionArrives) {
  auto loop = NewLoop();
  FakeSpin spin;
  spin.ready_after = 1 << 30;
  loop->SetSpinSource(&spin);
  loop->set_spin_budget(std::chrono::seconds(30));
  Fd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
  bool fired = false;
  loop->WatchFd(efd.get(), POLLIN, [&](uint32_t) { fired = true; });
  loop->Step(false);  // submit the poll
  Signal(efd.get());
  const auto start = EventLoop::Clock::now();
  while (!fired) {
    loop->Step(true);
  }
  EXPECT_LT(EventLoop::Clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace tock::hostkernel

namespace tock::hostkernel {
namespace {

class OneShotSpin : public SpinSource {
 public:
  void BeginSpin() override { ++begins; }
  void EndSpin() override {}
  bool SpinPoll() override {
    if (hits_left == 0) {
      return false;
    }
    --hits_left;
    return true;
  }
  int begins = 0, hits_left = 0;
};

TEST(EventLoopAdaptiveSpinTest, RepeatedMissesStopSpinningUntilAProbeHits) {
  auto stepping = NewSteppingLoop();
  EventLoop& loop = *stepping;
  OneShotSpin spin;
  loop.SetSpinSource(&spin);
  loop.set_spin_budget(std::chrono::microseconds(5));
  // One blocking step that ends with a timer (the spin source has no work): 50 clock readings
  // away, while a full spin takes 5 and a step with a skipped spin none.
  auto blocking_step = [&] {
    bool fired = false;
    loop.AddTimerAfter(std::chrono::microseconds(50), [&] { fired = true; });
    while (!fired) {
      loop.Step(true);
    }
  };
  const auto& st = loop.stats();
  EXPECT_TRUE(loop.WillSpin());
  for (int i = 0; i < 4; ++i) {
    blocking_step();
  }
  ASSERT_EQ(st.spin_misses, 4u) << st.blocking_waits << " waits";
  EXPECT_FALSE(loop.WillSpin());
  blocking_step();
  EXPECT_EQ(st.spin_misses, 4u);  // skipped: zero-length spin, then blocked
  EXPECT_EQ(st.spins_skipped, 1u);
  EXPECT_EQ(spin.begins, 4);  // not spinning: only one poll before blocking
  // Within 16 blocking steps a full probe spin runs (and misses again).
  for (int i = 0; i < 16 && st.spin_misses == 4u; ++i) {
    blocking_step();
  }
  EXPECT_EQ(st.spin_misses, 5u);
  // Work found even by a zero-length spin re-enables spinning.
  spin.hits_left = 1;
  blocking_step();
  EXPECT_EQ(spin.hits_left, 0);
  EXPECT_TRUE(loop.WillSpin());
}

TEST(EventLoopTest, InjectedClockDecidesWhenTimersAreDue) {
  EventLoop::Clock::time_point now(std::chrono::hours(1));
  auto created = EventLoop::Create(256, [&now] { return now; });
  ASSERT_TRUE(created.ok()) << created.status();
  EventLoop& loop = **created;
  bool fired = false;
  loop.AddTimerAfter(std::chrono::hours(2), [&] { fired = true; });
  EXPECT_FALSE(loop.Step(false));
  now += std::chrono::hours(2);
  EXPECT_TRUE(loop.Step(false));
  EXPECT_TRUE(fired);
}

TEST(EventLoopTest, ATimerThatRepostsItselfRunsOncePerStep) {
  auto loop = NewLoop();
  int runs = 0;
  std::function<void()> repost = [&] {
    ++runs;
    loop->AddTimer(EventLoop::Clock::time_point{}, repost);
  };
  loop->AddTimer(EventLoop::Clock::time_point{}, repost);
  EXPECT_TRUE(loop->Step(false));
  EXPECT_EQ(runs, 1);
  EXPECT_TRUE(loop->Step(false));
  EXPECT_EQ(runs, 2);
}

}  // namespace
}  // namespace tock::hostkernel
