// FixedReading<Sensor>: a simulated single-value sensor for the QEMU board, which has none (nor
// does QEMU model one). Start() schedules a deferred call and the reading is delivered from it,
// split-phase as a real sensor's interrupt would, never from inside the request: the Sensor
// (CRTP) implements its HIL, forwards the read to Start() and gets Deliver() later. A
// DeferredCall constructed as a static takes its slot before main() (board_context.h).
//
// Use (an extension's file):
//   class FixedHumidity final : public hil::sensors::HumidityDriver,
//                               public FixedReading<FixedHumidity> { ... void Deliver(); };
#ifndef TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_FIXED_READING_H_
#define TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_FIXED_READING_H_

#include "kernel/deferred_call.h"
#include "kernel/error_code.h"

namespace tock::boards::qemu_mps2_an386 {

template <typename Sensor>
class FixedReading : public DeferredCallClient {
 public:
  FixedReading() { deferred_.RegisterClient(*this); }

  // One reading; BUSY while one is pending.
  Result<void> Start() {
    if (pending_) {
      return ErrorCode::kBusy;
    }
    pending_ = true;
    deferred_.Set();
    return Result<void>::Ok();
  }

  void HandleDeferredCall() override {
    pending_ = false;
    static_cast<Sensor*>(this)->Deliver();
  }

 private:
  DeferredCall deferred_;
  bool pending_ = false;
};

}  // namespace tock::boards::qemu_mps2_an386

#endif  // TOCKPP_PLATFORMS_BOARDS_QEMU_MPS2_AN386_FIXED_READING_H_
