// PollReactor: a small poll(2)-based Reactor for tests, tockctl-style tools and as a fallback
// loop. Single-threaded; the owner drives it with RunOnce()/RunUntil(). Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_POLL_REACTOR_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_POLL_REACTOR_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <utility>

#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class PollReactor final : public Reactor {
 public:
  Id WatchReadable(int fd, Callback on_ready) override;
  Id WatchWritable(int fd, Callback on_ready) override;
  void Unwatch(Id id) override;
  Id RunAt(uint64_t monotonic_deadline_ns, Callback fn) override;
  void CancelTimer(Id id) override;
  void Post(Callback fn) override;

  // One iteration: runs posted callbacks, waits (at most `max_wait_ns`, less if a timer is
  // due sooner; not at all if posts are queued) for fd readiness, then runs ready watches,
  // due timers and posts. Returns false if there was nothing at all to wait for.
  bool RunOnce(uint64_t max_wait_ns);
  // Iterates until `done()` is true (checked after every iteration) or `timeout_ns` of wall
  // time passed. Returns done(). The timeout is a failure guard for tests, not a sleep.
  bool RunUntil(const std::function<bool()>& done, uint64_t timeout_ns = 5'000'000'000u);
  // Runs posted callbacks until none are queued (bounded); no waiting.
  void RunPosted();

  size_t watch_count() const { return watches_.size(); }
  size_t timer_count() const { return timers_.size(); }

 private:
  struct Watch {
    int fd;
    short events;
    Callback cb;
  };

  Id next_id_ = 1;
  std::map<Id, Watch> watches_;
  // (deadline, id) -> callback, so equal deadlines fire in registration order.
  std::map<std::pair<uint64_t, Id>, Callback> timers_;
  std::map<Id, uint64_t> timer_deadlines_;
  std::deque<Callback> posted_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_POLL_REACTOR_H_
