// MainLoop: the scheduler keeps running while some source never stops reporting work (an fd
// that stays readable, a deferred call that re-arms itself, a timer that re-posts itself), and
// the turn itself: resume before blocking, virtual-time jumps, exit when nothing can wake.
#include "hostkernel/daemon/main_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/event_loop/event_loop.h"
#include "kernel/capability_factory.h"
#include "kernel/deferred_call.h"

namespace tock::hostkernel {
namespace {

std::unique_ptr<EventLoop> NewLoop() {
  auto loop = EventLoop::Create();
  EXPECT_TRUE(loop.ok()) << loop.status();
  return *std::move(loop);
}

// The hooks of an always-busy, never-idle kernel on `loop`; Run() returns once the scheduler
// ran `schedules_wanted` times or `work` reached `work_cap` (the scheduler starved).
struct Harness {
  EventLoop& loop;
  uint64_t schedules = 0;
  uint64_t work = 0;
  uint64_t schedules_wanted = 100;
  uint64_t work_cap = 1'000'000;
  std::function<bool()> service = [] { return false; };

  MainLoop::Hooks Hooks() {
    MainLoop::Hooks h;
    h.step = [this](bool block) { return loop.Step(block); };
    h.service_deferred_call = [this] { return service(); };
    h.schedule = [this] { ++schedules; };
    h.resume_pending = [] { return false; };
    h.idle = [] { return false; };
    h.finished = [this] { return schedules >= schedules_wanted || work >= work_cap; };
    return h;
  }
};

TEST(MainLoopTest, APermanentlyReadyFdCannotStarveTheScheduler) {
  auto loop = NewLoop();
  const int efd = eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC);  // readable, never drained
  ASSERT_GE(efd, 0);
  Harness h{*loop};
  loop->WatchFd(efd, POLLIN, [&](uint32_t) { ++h.work; });
  MainLoop main_loop(h.Hooks());
  EXPECT_EQ(main_loop.Run(), MainLoop::Exit::kFinished);
  EXPECT_EQ(h.schedules, 100u);
  EXPECT_GT(h.work, 0u);
  EXPECT_LT(h.work, h.work_cap);
  EXPECT_GT(main_loop.stats().drains_cut_short, 0u);
  close(efd);
}

TEST(MainLoopTest, ATimerThatRepostsItselfCannotStarveTheScheduler) {
  auto loop = NewLoop();
  Harness h{*loop};
  std::function<void()> repost = [&] {
    ++h.work;
    loop->AddTimer(EventLoop::Clock::time_point{}, repost);
  };
  loop->AddTimer(EventLoop::Clock::time_point{}, repost);
  MainLoop main_loop(h.Hooks());
  main_loop.Run();
  EXPECT_EQ(h.schedules, 100u);
  EXPECT_GT(h.work, 0u);
  EXPECT_LT(h.work, h.work_cap);
}

// A kernel deferred call whose handler sets it again, as a broken capsule could.
class Rearming : public tock::DeferredCallClient {
 public:
  Rearming() { call_.RegisterClient(*this); }
  void HandleDeferredCall() override {
    ++handled;
    call_.Set();
  }
  void Set() { call_.Set(); }
  uint64_t handled = 0;

 private:
  tock::DeferredCall call_;
};

TEST(MainLoopTest, ADeferredCallThatRearmsItselfCannotStarveTheScheduler) {
  const tock::DeferredCallCapability cap = tock::CapabilityFactory::DeferredCall();
  tock::DeferredCall::ResetForTesting(cap);
  Rearming rearming;
  ASSERT_TRUE(tock::DeferredCall::AllRegistered());
  rearming.Set();
  auto loop = NewLoop();
  Harness h{*loop};
  h.service = [&] {
    const bool ran = tock::DeferredCall::ServiceNext(cap);
    h.work = rearming.handled;
    return ran;
  };
  MainLoop main_loop(h.Hooks());
  main_loop.Run();
  EXPECT_EQ(h.schedules, 100u);
  EXPECT_GT(rearming.handled, 0u);
  EXPECT_LT(rearming.handled, h.work_cap);
  tock::DeferredCall::ResetForTesting(cap);
}

// A scripted kernel for the turn's decisions; `log` records the calls in order.
struct Script {
  std::vector<std::string> log;
  int resume_pending_times = 0;  // resume_pending() is true this many times
  int virtual_jumps = 0;         // advance_virtual_time() jumps this many times
  bool exit_when_done = true;
  int blocks_until_finished = 1;

  MainLoop::Hooks Hooks() {
    MainLoop::Hooks h;
    h.step = [this](bool block) {
      if (block) {
        log.push_back("block");
        --blocks_until_finished;
      }
      return false;
    };
    h.service_deferred_call = [] { return false; };
    h.schedule = [this] { log.push_back("schedule"); };
    h.resume_pending = [this] { return resume_pending_times > 0 && resume_pending_times--; };
    h.idle = [] { return true; };
    h.advance_virtual_time = [this] {
      if (virtual_jumps == 0) {
        return false;
      }
      --virtual_jumps;
      log.push_back("jump");
      return true;
    };
    h.nothing_can_wake = [this] { return exit_when_done; };
    h.finished = [this] { return blocks_until_finished <= 0; };
    return h;
  }
};

TEST(MainLoopTest, APendingResumeIsScheduledWithoutBlocking) {
  Script s;
  s.resume_pending_times = 2;
  s.exit_when_done = false;
  MainLoop main_loop(s.Hooks());
  EXPECT_EQ(main_loop.Run(), MainLoop::Exit::kFinished);
  EXPECT_EQ(s.log,
            (std::vector<std::string>{"schedule", "schedule", "schedule", "block", "schedule"}));
}

TEST(MainLoopTest, IdleInVirtualTimeJumpsTheClockThenExitsWhenNothingCanWake) {
  Script s;
  s.virtual_jumps = 2;
  MainLoop main_loop(s.Hooks());
  EXPECT_EQ(main_loop.Run(), MainLoop::Exit::kDone);
  EXPECT_EQ(s.log, (std::vector<std::string>{"schedule", "jump", "schedule", "jump", "schedule"}));
}

TEST(MainLoopTest, IdleWithoutExitWhenDoneBlocks) {
  Script s;
  s.exit_when_done = false;
  MainLoop::Hooks hooks = s.Hooks();
  hooks.advance_virtual_time = nullptr;  // real time
  MainLoop main_loop(hooks);
  EXPECT_EQ(main_loop.Run(), MainLoop::Exit::kFinished);
  EXPECT_EQ(s.log, (std::vector<std::string>{"schedule", "block", "schedule"}));
  EXPECT_EQ(main_loop.stats().blocking_steps, 1u);
}

TEST(MainLoopTest, APendingDeferredCallIsServicedBeforeBlocking) {
  Script s;
  s.exit_when_done = false;
  bool pending = true;
  int serviced = 0;
  MainLoop::Hooks hooks = s.Hooks();
  // Schedule() sets a deferred call after the drain: the loop must come back for it.
  hooks.schedule = [&] {
    s.log.push_back("schedule");
    if (s.log.size() == 1) {
      pending = true;
    }
  };
  pending = false;
  hooks.deferred_call_pending = [&] { return pending; };
  hooks.service_deferred_call = [&] {
    if (!pending) {
      return false;
    }
    pending = false;
    ++serviced;
    s.log.push_back("deferred");
    return true;
  };
  MainLoop main_loop(hooks);
  main_loop.Run();
  EXPECT_EQ(serviced, 1);
  EXPECT_EQ(s.log,
            (std::vector<std::string>{"schedule", "deferred", "schedule", "block", "schedule"}));
}

TEST(MainLoopTest, TheQuietPointComesAfterTheDrainAndScheduleAndBeforeIdling) {
  Script s;
  s.exit_when_done = true;
  s.resume_pending_times = 1;  // a resume first: not quiet yet
  int inputs = 2;              // two inputs, one per quiet point
  MainLoop::Hooks hooks = s.Hooks();
  hooks.at_quiet_point = [&] {
    s.log.push_back("quiet");
    return inputs-- > 0;
  };
  MainLoop main_loop(hooks);
  EXPECT_EQ(main_loop.Run(), MainLoop::Exit::kDone);
  EXPECT_EQ(s.log, (std::vector<std::string>{"schedule", "schedule", "quiet", "schedule", "quiet",
                                             "schedule", "quiet"}));
}

TEST(MainLoopTest, NoQuietPointWhileADeferredCallIsPending) {
  Script s;
  s.exit_when_done = true;
  bool pending = true;
  MainLoop::Hooks hooks = s.Hooks();
  hooks.deferred_call_pending = [&] { return pending; };
  hooks.service_deferred_call = [&] {
    const bool was = pending;
    pending = false;
    if (was) {
      s.log.push_back("deferred");
    }
    return was;
  };
  hooks.schedule = [&] {
    s.log.push_back("schedule");
    if (s.log.size() == 2) {
      pending = true;  // the first schedule() left a deferred call
    }
  };
  hooks.at_quiet_point = [&] {
    s.log.push_back("quiet");
    return false;
  };
  MainLoop main_loop(hooks);
  main_loop.Run();
  EXPECT_EQ(s.log,
            (std::vector<std::string>{"deferred", "schedule", "deferred", "schedule", "quiet"}));
}

}  // namespace
}  // namespace tock::hostkernel
