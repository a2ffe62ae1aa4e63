// MPS2 FPGA IO user buttons.
#include "platforms/chips/mps2_an386/fpga_io.h"

namespace tock::mps2 {

namespace {
constexpr cortex_m::StaticRef<FpgaIoRegisters> kFpgaIo{kFpgaIoBase};
}  // namespace

bool FpgaIoButtonPin::Read() const {
  const uint32_t pressed = kFpgaIo->button.Read(FpgaIoButton::kPressed);
  return external_ || ((pressed >> index_) & 1u) != 0;
}

void FpgaIoButtonPin::SetExternalPress(bool pressed) {
  const bool before = Read();
  external_ = pressed;
  const bool after = Read();
  if (before == after || !interrupts_ || client_ == nullptr) {
    return;
  }
  if (edge_ == InterruptEdge::kEitherEdge || (edge_ == InterruptEdge::kRisingEdge) == after) {
    client_->Fired();
  }
}

}  // namespace tock::mps2
