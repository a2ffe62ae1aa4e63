// nRF52840 RTC1 (24-bit, 32768 Hz; 0x40011000, IRQ 17; nRF52840 PS §6.22) as a
// tock::hil::time::Alarm<Ticks24> using compare register 0. Needs the LF clock (clock.h).
// Trusted chip code; serviced from the kernel loop.
#ifndef TOCKPP_PLATFORMS_CHIPS_NRF52840_RTC_ALARM_H_
#define TOCKPP_PLATFORMS_CHIPS_NRF52840_RTC_ALARM_H_

#include <cstddef>
#include <cstdint>

#include "hil/alarm.h"
#include "platforms/arch/cortex_m/registers.h"
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

struct RtcInt {
  static constexpr cm::Field<uint32_t, RtcInt, 16, 1> kCompare0{};
};
struct RtcCounter {
  static constexpr cm::Field<uint32_t, RtcCounter, 0, 24> kValue{};
};

struct RtcRegisters {
  cm::WriteOnly<uint32_t> tasks_start;  // 0x000
  cm::WriteOnly<uint32_t> tasks_stop;   // 0x004
  cm::WriteOnly<uint32_t> tasks_clear;  // 0x008
  cm::Reserved<0x140 - 0x00C> r0;
  cm::ReadWrite<uint32_t, Event> events_compare[4];  // 0x140
  cm::Reserved<0x304 - 0x150> r1;
  cm::ReadWrite<uint32_t, RtcInt> intenset;  // 0x304
  cm::ReadWrite<uint32_t, RtcInt> intenclr;  // 0x308
  cm::Reserved<0x344 - 0x30C> r2;
  cm::ReadWrite<uint32_t, RtcInt> evtenset;  // 0x344
  cm::ReadWrite<uint32_t, RtcInt> evtenclr;  // 0x348
  cm::Reserved<0x504 - 0x34C> r3;
  cm::ReadOnly<uint32_t, RtcCounter> counter;  // 0x504
  cm::ReadWrite<uint32_t> prescaler;           // 0x508
  cm::Reserved<0x540 - 0x50C> r4;
  cm::ReadWrite<uint32_t, RtcCounter> cc[4];  // 0x540
};
static_assert(offsetof(RtcRegisters, events_compare) == 0x140);
static_assert(offsetof(RtcRegisters, evtenset) == 0x344);
static_assert(offsetof(RtcRegisters, counter) == 0x504);
static_assert(offsetof(RtcRegisters, cc) == 0x540);

inline constexpr uintptr_t kRtc1Base = 0x4001'1000;
inline constexpr unsigned kRtc1Irq = 17;

class RtcAlarm final : public tock::hil::time::Alarm<tock::hil::time::Ticks24> {
 public:
  using Ticks = tock::hil::time::Ticks24;

  constexpr RtcAlarm(uintptr_t base, unsigned irq) : regs_(base), irq_(irq) {}

  void Init();
  bool OwnsIrq(unsigned irq) const { return irq == irq_; }
  void HandleInterrupt();

  uint32_t Frequency() const override { return 32768; }
  Ticks Now() const override { return Ticks(regs_->counter.Read(RtcCounter::kValue)); }
  void SetAlarmClient(tock::hil::time::AlarmClient& client) override { client_ = &client; }
  void SetAlarm(Ticks reference, Ticks dt) override;
  Ticks GetAlarm() const override { return Ticks(regs_->cc[0].Read(RtcCounter::kValue)); }
  tock::Result<void> Disarm() override;
  bool IsArmed() const override { return armed_; }
  // The RTC misses a compare set less than two ticks ahead (PS §6.22.7).
  Ticks MinimumDt() const override { return Ticks(3); }

 private:
  cm::StaticRef<RtcRegisters> regs_;
  unsigned irq_;
  tock::hil::time::AlarmClient* client_ = nullptr;
  bool armed_ = false;
};

}  // namespace tock::nrf52840

#endif  // TOCKPP_PLATFORMS_CHIPS_NRF52840_RTC_ALARM_H_
