// EventLoopReactor: maps Reactor calls onto EventLoop watches and timers.
#include "hostkernel/peripherals/event_loop_reactor.h"

#include <poll.h>

#include <chrono>

namespace tock::hostkernel {

Reactor::Id EventLoopReactor::WatchReadable(int fd, Callback on_ready) {
  return loop_.WatchFd(fd, POLLIN, [cb = std::move(on_ready)](uint32_t) { cb(); });
}

Reactor::Id EventLoopReactor::WatchWritable(int fd, Callback on_ready) {
  return loop_.WatchFd(fd, POLLOUT, [cb = std::move(on_ready)](uint32_t) { cb(); });
}

Reactor::Id EventLoopReactor::RunAt(uint64_t monotonic_deadline_ns, Callback fn) {
  // steady_clock is CLOCK_MONOTONIC on Linux (libstdc++).
  EventLoop::Clock::time_point deadline{std::chrono::duration_cast<EventLoop::Clock::duration>(
      std::chrono::nanoseconds(monotonic_deadline_ns))};
  return loop_.AddTimer(deadline, std::move(fn));
}

void EventLoopReactor::Post(Callback fn) {
  loop_.AddTimer(EventLoop::Clock::time_point{}, std::move(fn));
}

}  // namespace tock::hostkernel
