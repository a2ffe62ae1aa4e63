// EventLoop on io_uring: one-shot POLL_ADD per watch, re-armed after its
// callback (level-triggered behaviour, works on every kernel liburing 2.3
// targets); timers live in a heap and bound the blocking wait.
#include "hostkernel/event_loop/event_loop.h"

#include <poll.h>

#include <cerrno>
#include <optional>

#include "absl/status/status.h"

namespace tock::hostkernel {
namespace {
// user_data of a poll-remove SQE: its own completion is ignored.
constexpr uint64_t kIgnoredUserData = ~uint64_t{0};
}  // namespace

absl::StatusOr<std::unique_ptr<EventLoop>> EventLoop::Create(unsigned ring_entries, NowFn now) {
  std::unique_ptr<EventLoop> loop(new EventLoop());
  loop->now_ = std::move(now);
  if (int rc = io_uring_queue_init(ring_entries, &loop->ring_, 0); rc < 0) {
    return absl::ErrnoToStatus(-rc, "io_uring_queue_init");
  }
  loop->ring_ok_ = true;
  return loop;
}

EventLoop::~EventLoop() {
  // No EndSpin here: the source may already be gone, and nobody is left to wake.
  if (ring_ok_) {
    io_uring_queue_exit(&ring_);
  }
}

void EventLoop::Arm(WatchId id, const Watch& w) {
  io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
  if (sqe == nullptr) {
    io_uring_submit(&ring_);
    sqe = io_uring_get_sqe(&ring_);
  }
  io_uring_prep_poll_add(sqe, w.fd, w.events);
  io_uring_sqe_set_data64(sqe, id);
}

EventLoop::WatchId EventLoop::WatchFd(int fd, uint32_t events, FdCallback cb) {
  const WatchId id = next_id_++;
  auto [it, inserted] = watches_.emplace(id, Watch{fd, events, std::move(cb)});
  Arm(id, it->second);
  return id;
}

void EventLoop::Unwatch(WatchId id) {
  if (watches_.erase(id) == 0) {
    return;
  }
  io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
  if (sqe == nullptr) {
    io_uring_submit(&ring_);
    sqe = io_uring_get_sqe(&ring_);
  }
  io_uring_prep_poll_remove(sqe, id);
  io_uring_sqe_set_data64(sqe, kIgnoredUserData);
}

EventLoop::TimerId EventLoop::AddTimer(Clock::time_point deadline, TimerCallback cb) {
  const TimerId id = next_id_++;
  timers_.emplace(id, std::move(cb));
  timer_heap_.push({deadline, id});
  return id;
}

bool EventLoop::CancelTimer(TimerId id) { return timers_.erase(id) != 0; }

std::optional<EventLoop::Clock::time_point> EventLoop::NextDeadline() {
  while (!timer_heap_.empty() && !timers_.contains(timer_heap_.top().id)) {
    timer_heap_.pop();
  }
  if (timer_heap_.empty()) {
    return std::nullopt;
  }
  return timer_heap_.top().deadline;
}

bool EventLoop::RunDueTimers() {
  bool ran = false;
  const Clock::time_point now = Now();
  // Timers added from here on (ids from `first_new`) wait for the next call: a callback that
  // re-posts itself cannot keep this loop going.
  const TimerId first_new = next_id_;
  std::vector<TimerEntry> added_meanwhile;
  for (;;) {
    std::optional<Clock::time_point> next = NextDeadline();
    if (!next || *next > now) {
      break;
    }
    const TimerEntry entry = timer_heap_.top();
    timer_heap_.pop();
    if (entry.id >= first_new) {
      added_meanwhile.push_back(entry);
      continue;
    }
    const TimerId id = entry.id;
    auto it = timers_.find(id);
    TimerCallback cb = std::move(it->second);
    timers_.erase(it);
    ++stats_.timer_callbacks;
    cb();
    ran = true;
  }
  for (const TimerEntry& e : added_meanwhile) {
    timer_heap_.push(e);
  }
  return ran;
}

bool EventLoop::DispatchCompletions() {
  // Copy out first: callbacks may add SQEs or unwatch others.
  struct Done {
    uint64_t id;
    int res;
  };
  Done done[64];
  unsigned n = 0;
  io_uring_cqe* cqe;
  unsigned head;
  io_uring_for_each_cqe(&ring_, head, cqe) {
    if (n == 64) {
      break;
    }
    done[n++] = {io_uring_cqe_get_data64(cqe), cqe->res};
  }
  io_uring_cq_advance(&ring_, n);
  bool ran = false;
  for (unsigned i = 0; i < n; ++i) {
    if (done[i].id == kIgnoredUserData) {
      continue;
    }
    auto it = watches_.find(done[i].id);
    if (it == watches_.end()) {
      continue;  // unwatched meanwhile
    }
    if (done[i].res < 0) {
      if (done[i].res == -ECANCELED) {
        continue;
      }
      // Report errors as POLLERR so the owner can react, then re-arm.
      done[i].res = POLLERR;
    }
    ++stats_.fd_callbacks;
    // The callback may unwatch itself; keep a copy alive for the call.
    FdCallback cb = it->second.cb;
    cb(static_cast<uint32_t>(done[i].res));
    ran = true;
    it = watches_.find(done[i].id);
    if (it != watches_.end()) {
      Arm(it->first, it->second);
    }
  }
  return ran;
}

bool EventLoop::WillSpin() const {
  return spin_ != nullptr && spin_budget_.count() > 0 &&
         (spin_miss_streak_ < kMaxSpinMisses || steps_since_probe_ + 1 >= kSpinProbeEvery);
}

bool EventLoop::Spin(std::chrono::nanoseconds budget) {
  SpinSource* const src = spin_;
  if (budget.count() > 0) {
    if (!spin_armed_) {
      src->BeginSpin();
      spin_armed_ = true;
    }
    const Clock::time_point end = Now() + budget;
    for (unsigned i = 1;; ++i) {
      if (src->SpinPoll()) {
        // Stay armed: the next request of the app just answered needs no wake-up, because
        // the loop polls the source again (and disarms it) before it ever blocks.
        ++stats_.spin_hits;
        spin_miss_streak_ = 0;
        return true;
      }
      if (io_uring_cq_ready(&ring_) != 0 || stopped_) {
        break;
      }
      if ((i & 15) == 0) {
        const Clock::time_point now = Now();
        if (now >= end) {
          break;
        }
        std::optional<Clock::time_point> next = NextDeadline();
        if (next && *next <= now) {
          break;
        }
      }
      __builtin_ia32_pause();
    }
  }
  // About to block: back to "kernel blocked", then one last look, which closes the window
  // in which the app saw "kernel spinning" and skipped its wake-up.
  if (spin_armed_) {
    spin_armed_ = false;
    src->EndSpin();
  }
  const bool found = src->SpinPoll();
  if (found) {
    ++stats_.spin_hits;
    spin_miss_streak_ = 0;
  } else if (budget.count() > 0) {
    ++stats_.spin_misses;
    ++spin_miss_streak_;
  }
  return found;
}

void EventLoop::ArmSpin() {
  if (spin_ == nullptr || spin_armed_ || spin_budget_.count() == 0) {
    return;
  }
  spin_->BeginSpin();
  spin_armed_ = true;
}

void EventLoop::SetSpinSource(SpinSource* source) {
  if (spin_armed_ && spin_ != source) {
    spin_armed_ = false;
    spin_->EndSpin();
  }
  spin_ = source;
}

bool EventLoop::Step(bool block) {
  if (io_uring_sq_ready(&ring_) != 0) {
    io_uring_submit(&ring_);
  }
  bool ran = DispatchCompletions();
  ran |= RunDueTimers();
  if (ran || !block || stopped_) {
    return ran;
  }

  if (spin_ != nullptr) {
    const bool skip = !WillSpin();
    if (skip) {
      ++steps_since_probe_;
      ++stats_.spins_skipped;
    } else {
      steps_since_probe_ = 0;
    }
    // A skipped spin is still a zero-length one: BeginSpin/EndSpin/SpinPoll leave the
    // source in its "kernel blocked" state and catch a request posted meanwhile.
    if (Spin(skip ? std::chrono::nanoseconds(0) : spin_budget_)) {
      return true;
    }
    ran = DispatchCompletions();
    ran |= RunDueTimers();
    if (ran || stopped_) {
      return ran;
    }
  }

  while (!ran && !stopped_) {
    std::optional<Clock::time_point> next = NextDeadline();
    io_uring_cqe* cqe = nullptr;
    ++stats_.blocking_waits;
    if (next) {
      const auto wait = std::max(Clock::duration::zero(), *next - Now());
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
      __kernel_timespec ts{ns / 1000000000, ns % 1000000000};
      io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, &ts, nullptr);
    } else {
      io_uring_submit_and_wait(&ring_, 1);
    }
    ran = DispatchCompletions();
    ran |= RunDueTimers();
    if (!ran && spin_ != nullptr) {
      ran = spin_->SpinPoll();
    }
  }
  return ran;
}

void EventLoop::Run() {
  stopped_ = false;
  while (!stopped_) {
    Step(true);
  }
}

}  // namespace tock::hostkernel
