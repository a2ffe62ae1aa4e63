// nRF52840 RNG (0x4000D000, IRQ 13; nRF52840 PS §6.21) as tock::hil::entropy::Entropy32: bias
// correction on, four VALUE bytes per 32-bit word, one word per client callback.
// Trusted chip code; serviced from the kernel loop.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_RNG_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_RNG_H_

#include <cstddef>
#include <cstdint>

#include "hil/entropy.h"
#include "platforms/arch/cortex_m/registers.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

struct RngInt {
  static constexpr cm::Field<uint32_t, RngInt, 0, 1> kValRdy{};
};
struct RngConfig {
  static constexpr cm::Field<uint32_t, RngConfig, 0, 1> kDerCen{};
};
struct RngValue {
  static constexpr cm::Field<uint32_t, RngValue, 0, 8> kByte{};
};

struct RngRegisters {
  cm::WriteOnly<uint32_t> tasks_start;  // 0x000
  cm::WriteOnly<uint32_t> tasks_stop;   // 0x004
  cm::Reserved<0x100 - 0x008> r0;
  cm::ReadWrite<uint32_t, Event> events_valrdy;  // 0x100
  cm::Reserved<0x304 - 0x104> r1;
  cm::ReadWrite<uint32_t, RngInt> intenset;  // 0x304
  cm::ReadWrite<uint32_t, RngInt> intenclr;  // 0x308
  cm::Reserved<0x504 - 0x30C> r2;
  cm::ReadWrite<uint32_t, RngConfig> config;  // 0x504
  cm::ReadOnly<uint32_t, RngValue> value;     // 0x508
};
static_assert(offsetof(RngRegisters, events_valrdy) == 0x100);
static_assert(offsetof(RngRegisters, value) == 0x508);

inline constexpr uintptr_t kRngBase = 0x4000'D000;
inline constexpr unsigned kRngIrq = 13;

class Rng final : public tock::hil::entropy::Entropy32 {
 public:
  constexpr Rng(uintptr_t base, unsigned irq) : regs_(base), irq_(irq) {}

  bool OwnsIrq(unsigned irq) const { return irq == irq_; }
  void HandleInterrupt();

  void SetClient(tock::hil::entropy::Client32& client) override { client_ = &client; }
  tock::Result<void> Get() override;
  tock::Result<void> Cancel() override;

 private:
  void Stop();

  cm::StaticRef<RngRegisters> regs_;
  unsigned irq_;
  tock::hil::entropy::Client32* client_ = nullptr;
  uint32_t word_ = 0;
  unsigned bytes_ = 0;
  bool running_ = false;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_RNG_H_
