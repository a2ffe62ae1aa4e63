// EventLoopReactor: the Reactor interface on tockd's io_uring EventLoop
// (hostkernel/event_loop), so the peripherals run on the real loop. Post() is a timer with a
// deadline in the distant past: it runs after the current callback, FIFO among posts, before
// any real timer. Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_EVENT_LOOP_REACTOR_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_EVENT_LOOP_REACTOR_H_

#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class EventLoopReactor final : public Reactor {
 public:
  explicit EventLoopReactor(EventLoop& loop) : loop_(loop) {}

  Id WatchReadable(int fd, Callback on_ready) override;
  Id WatchWritable(int fd, Callback on_ready) override;
  void Unwatch(Id id) override { loop_.Unwatch(id); }
  Id RunAt(uint64_t monotonic_deadline_ns, Callback fn) override;
  void CancelTimer(Id id) override { loop_.CancelTimer(id); }
  void Post(Callback fn) override;

  EventLoop& loop() { return loop_; }

 private:
  EventLoop& loop_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_EVENT_LOOP_REACTOR_H_
