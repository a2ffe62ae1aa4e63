// The MPS2 user LEDs, driven through the Serial Communication Controller's CFG1 register
// (0x4002F004, one bit per LED, as QEMU's mps2-scc models it). Implements tock::hil::led::Led.
// QEMU shows no LED, so an optional observer (the QEMU board's UART log) sees every change.
#ifndef TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_SCC_LED_H_
#define TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_SCC_LED_H_

#include <cstdint>

#include "hil/led.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::mps2 {

struct SccRegisters {
  cortex_m::ReadWrite<uint32_t> cfg0;  // 0x00 remap
  cortex_m::ReadWrite<uint32_t> cfg1;  // 0x04 user LEDs
};

inline constexpr uintptr_t kSccBase = 0x4002'F000;

class SccLed final : public tock::hil::led::Led {
 public:
  using Observer = void (*)(unsigned index, bool on);

  // LED `index` (bit of CFG1) of the SCC whose registers are at `scc_base`.
  constexpr explicit SccLed(unsigned index, uintptr_t scc_base = kSccBase)
      : scc_(scc_base), index_(index) {}
  void SetObserver(Observer observer) { observer_ = observer; }

  void Init() override { Write(false); }
  void On() override { Write(true); }
  void Off() override { Write(false); }
  void Toggle() override { Write(!on_); }
  bool Read() const override { return on_; }

 private:
  void Write(bool on);

  cortex_m::StaticRef<SccRegisters> scc_;
  unsigned index_;
  bool on_ = false;
  Observer observer_ = nullptr;
};

}  // namespace tock::mps2

#endif  // TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_SCC_LED_H_
