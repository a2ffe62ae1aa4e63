// ReadingRequests<GrantT>: the bookkeeping every single-value sensor driver shares (temperature,
// humidity, ...; upstream's capsules_extra sensors behave alike): an app asks for a reading,
// one reading in flight serves every app waiting when it completes, as upcall 0
// (value, 0, 0); a failed reading gives no upcall and the next request reads again; a start
// error is returned to the asking app and leaves nothing in flight (upstream stays busy).
// The grant's app type needs a `bool waiting`. Untrusted capsule code; header-only.
//
// Use (a capsule):
//   CommandReturn Command(...) { case 1: return readings_.Request(pid, [&] { return sensor_.Read();
//   }); } void Done(Result<uint32_t> word) override { readings_.Finish(word); }
#ifndef TOCKPP_CAPSULES_READING_REQUESTS_H_
#define TOCKPP_CAPSULES_READING_REQUESTS_H_

#include <cstdint>

#include "kernel/command_return.h"
#include "kernel/error_code.h"
#include "kernel/grant.h"
#include "kernel/process_id.h"

namespace tock::capsules {

// The grant app type of a driver with nothing else per app.
struct WaitingApp {
  bool waiting = false;  // asked for a reading not yet delivered
};

template <typename GrantT>
class ReadingRequests {
 public:
  explicit ReadingRequests(GrantT& grant) : grant_(grant) {}
  ReadingRequests(const ReadingRequests&) = delete;
  ReadingRequests& operator=(const ReadingRequests&) = delete;

  // pid waits for the next reading; start() (returning Result<void>) begins one unless one is
  // already in flight.
  template <typename StartFn>
  CommandReturn Request(ProcessId pid, StartFn&& start) {
    auto entered = grant_.Enter(pid, [](auto& app, GrantKernelData&) { app.waiting = true; });
    if (!entered.ok()) {
      return CommandReturn::Failure(entered.error());
    }
    if (busy_) {
      return CommandReturn::Success();  // served by the reading in flight
    }
    Result<void> started = start();
    if (!started.ok()) {
      static_cast<void>(
          grant_.Enter(pid, [](auto& app, GrantKernelData&) { app.waiting = false; }));
      return CommandReturn::Failure(started.error());
    }
    busy_ = true;
    return CommandReturn::Success();
  }

  // The reading in flight finished: `word` to every waiting app, or nothing on error.
  void Finish(Result<uint32_t> word) {
    busy_ = false;
    if (!word.ok()) {
      return;
    }
    grant_.Iterate([&](auto& app, GrantKernelData& kd) {
      if (app.waiting) {
        app.waiting = false;
        static_cast<void>(kd.ScheduleUpcall(0, word.value(), 0, 0));
      }
    });
  }

 private:
  GrantT& grant_;
  bool busy_ = false;  // a reading is in flight
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_READING_REQUESTS_H_
