// VirtualClock implementation: an ordered timer map and a single posted dispatch.
#include "hostkernel/peripherals/virtual_clock.h"

#include <vector>

namespace tock::hostkernel {

HostClock::TimerId VirtualClock::ScheduleAt(uint64_t deadline_ns, Callback fn) {
  TimerId id = next_id_++;
  timers_.emplace(std::make_pair(deadline_ns, id), std::move(fn));
  deadlines_.emplace(id, deadline_ns);
  if (deadline_ns <= now_ns_) {
    ScheduleDispatch();
  }
  return id;
}

void VirtualClock::Cancel(TimerId id) {
  auto it = deadlines_.find(id);
  if (it == deadlines_.end()) {
    return;
  }
  timers_.erase(std::make_pair(it->second, id));
  deadlines_.erase(it);
}

void VirtualClock::Advance(uint64_t ns) {
  now_ns_ += ns;
  if (!timers_.empty() && timers_.begin()->first.first <= now_ns_) {
    ScheduleDispatch();
  }
}

std::optional<uint64_t> VirtualClock::NextDeadline() const {
  if (timers_.empty()) {
    return std::nullopt;
  }
  return timers_.begin()->first.first;
}

bool VirtualClock::AdvanceToNextDeadline() {
  if (timers_.empty()) {
    return false;
  }
  uint64_t deadline = timers_.begin()->first.first;
  if (deadline > now_ns_) {
    now_ns_ = deadline;
  }
  ScheduleDispatch();
  return true;
}

void VirtualClock::ScheduleDispatch() {
  if (dispatch_posted_) {
    return;
  }
  dispatch_posted_ = true;
  reactor_.Post([this, token = guard_.token()] {
    if (token.expired()) {
      return;
    }
    dispatch_posted_ = false;
    RunDue();
  });
}

void VirtualClock::RunDue() {
  // Only timers due when the pass starts: one a callback adds for "now" gets its own posted
  // dispatch, so a client that keeps re-arming in the past cannot starve the loop.
  std::vector<std::pair<uint64_t, TimerId>> due;
  for (const auto& [key, fn] : timers_) {
    if (key.first > now_ns_) {
      break;
    }
    due.push_back(key);
  }
  for (const auto& key : due) {
    auto it = timers_.find(key);
    if (it == timers_.end()) {
      continue;  // cancelled by an earlier callback
    }
    Callback fn = std::move(it->second);
    deadlines_.erase(key.second);
    timers_.erase(it);
    fn();
  }
}

}  // namespace tock::hostkernel
