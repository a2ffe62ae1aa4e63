// PollReactor implementation: poll(2) over the watched fds, an ordered timer map, a FIFO of
// posted callbacks.
#include "hostkernel/peripherals/poll_reactor.h"

#include <poll.h>

#include <algorithm>
#include <vector>

namespace tock::hostkernel {

Reactor::Id PollReactor::WatchReadable(int fd, Callback on_ready) {
  Id id = next_id_++;
  watches_.emplace(id, Watch{fd, POLLIN, std::move(on_ready)});
  return id;
}

Reactor::Id PollReactor::WatchWritable(int fd, Callback on_ready) {
  Id id = next_id_++;
  watches_.emplace(id, Watch{fd, POLLOUT, std::move(on_ready)});
  return id;
}

void PollReactor::Unwatch(Id id) { watches_.erase(id); }

Reactor::Id PollReactor::RunAt(uint64_t monotonic_deadline_ns, Callback fn) {
  Id id = next_id_++;
  timers_.emplace(std::make_pair(monotonic_deadline_ns, id), std::move(fn));
  timer_deadlines_.emplace(id, monotonic_deadline_ns);
  return id;
}

void PollReactor::CancelTimer(Id id) {
  auto it = timer_deadlines_.find(id);
  if (it == timer_deadlines_.end()) {
    return;
  }
  timers_.erase(std::make_pair(it->second, id));
  timer_deadlines_.erase(it);
}

void PollReactor::Post(Callback fn) { posted_.push_back(std::move(fn)); }

void PollReactor::RunPosted() {
  // Bounded so a callback that re-posts itself forever cannot hang a test.
  for (int i = 0; i < 100000 && !posted_.empty(); ++i) {
    Callback fn = std::move(posted_.front());
    posted_.pop_front();
    fn();
  }
}

bool PollReactor::RunOnce(uint64_t max_wait_ns) {
  RunPosted();
  if (watches_.empty() && timers_.empty() && posted_.empty()) {
    return false;
  }

  uint64_t wait_ns = posted_.empty() ? max_wait_ns : 0;
  if (!timers_.empty()) {
    uint64_t now = MonotonicNowNs();
    uint64_t due = timers_.begin()->first.first;
    wait_ns = std::min(wait_ns, due > now ? due - now : 0);
  }

  std::vector<pollfd> fds;
  std::vector<Id> ids;
  for (const auto& [id, w] : watches_) {
    fds.push_back(pollfd{w.fd, w.events, 0});
    ids.push_back(id);
  }
  // Round up so a timer 10 us away does not spin with a zero timeout.
  int timeout_ms = static_cast<int>(std::min<uint64_t>((wait_ns + 999'999) / 1'000'000, 1000));
  int n = ::poll(fds.data(), fds.size(), timeout_ms);
  if (n > 0) {
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      auto it = watches_.find(ids[i]);  // an earlier callback may have removed it
      if (it == watches_.end()) {
        continue;
      }
      Callback cb = it->second.cb;  // copy: the callback may Unwatch itself
      cb();
    }
  }

  uint64_t now = MonotonicNowNs();
  while (!timers_.empty() && timers_.begin()->first.first <= now) {
    auto it = timers_.begin();
    Callback fn = std::move(it->second);
    timer_deadlines_.erase(it->first.second);
    timers_.erase(it);
    fn();
  }
  RunPosted();
  return true;
}

bool PollReactor::RunUntil(const std::function<bool()>& done, uint64_t timeout_ns) {
  uint64_t end = MonotonicNowNs() + timeout_ns;
  RunPosted();
  while (!done()) {
    uint64_t now = MonotonicNowNs();
    if (now >= end) {
      return done();
    }
    if (!RunOnce(std::min<uint64_t>(end - now, 50'000'000))) {
      return done();
    }
  }
  return true;
}

}  // namespace tock::hostkernel
