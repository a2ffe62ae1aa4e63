// MPS2 SCC user LEDs.
#include "platforms/chips/mps2_an386/scc_led.h"

namespace tock::mps2 {

void SccLed::Write(bool on) {
  const uint32_t bit = uint32_t{1} << index_;
  uint32_t v = scc_->cfg1.Get();
  scc_->cfg1.Set(on ? (v | bit) : (v & ~bit));
  on_ = on;
  if (observer_ != nullptr) {
    observer_(index_, on);
  }
}

}  // namespace tock::mps2
