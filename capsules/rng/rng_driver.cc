// RNG syscall driver implementation.
#include "capsules/rng/rng_driver.h"

#include <optional>

namespace tock::capsules {

RngDriver::RngDriver(hil::entropy::Entropy32& rng, GrantType& grant) : rng_(rng), grant_(grant) {
  rng_.SetClient(*this);
}

CommandReturn RngDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t /*arg1*/,
                                 ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 1: {
      auto r = grant_.Enter(pid, [&](RngApp& app, GrantKernelData&) {
        app.remaining = arg0;
        app.filled = 0;
      });
      if (!r.ok()) {
        return CommandReturn::Failure(r.error());
      }
      if (!getting_) {
        Result<void> g = rng_.Get();
        if (!g.ok()) {
          return CommandReturn::Failure(g.error());
        }
        getting_ = true;
      }
      return CommandReturn::Success();
    }
    default:
      return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
}

Result<void> RngDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

hil::entropy::Continue RngDriver::EntropyAvailable(hil::entropy::EntropyIterator& entropy,
                                                   Result<void> /*status*/) {
  // Bytes of the current word not yet handed out (shared across apps in this batch).
  uint32_t word = 0;
  unsigned word_bytes = 0;
  bool exhausted = false;
  bool done = true;
  grant_.Iterate([&](RngApp& app, GrantKernelData& kd) {
    if (app.remaining == 0) {
      return;
    }
    ReadWriteProcessBuffer buffer = kd.GetReadWriteBuffer(0);
    while (app.remaining > 0 && app.filled < buffer.size()) {
      if (word_bytes == 0) {
        if (exhausted) {
          break;
        }
        std::optional<uint32_t> next = entropy.Next();
        if (!next) {
          exhausted = true;
          break;
        }
        word = *next;
        word_bytes = 4;
      }
      static_cast<void>(buffer.Set(app.filled, static_cast<uint8_t>(word)));
      word >>= 8;
      --word_bytes;
      ++app.filled;
      --app.remaining;
    }
    if (app.remaining == 0 || app.filled >= buffer.size()) {
      // Done, or the app's buffer is full (it asked for more than it allowed).
      uint32_t filled = app.filled;
      app.remaining = 0;
      app.filled = 0;
      static_cast<void>(kd.ScheduleUpcall(0, 0, filled, 0));
    } else {
      done = false;
    }
  });
  getting_ = !done;
  return done ? hil::entropy::Continue::kDone : hil::entropy::Continue::kMore;
}

}  // namespace tock::capsules
