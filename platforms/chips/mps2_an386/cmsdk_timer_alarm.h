// A 32-bit tock::hil::time::Alarm from two CMSDK APB timers (ARM DDI0479 §4.4): timer 0 runs
// free from 0xFFFFFFFF as the counter (Now() = its inverted value), timer 1 counts the time to
// the next expiry as a one-shot. Trusted chip code; serviced from the kernel loop.
#ifndef TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_TIMER_ALARM_H_
#define TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_TIMER_ALARM_H_

#include <cstdint>

#include "hil/alarm.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::mps2 {

namespace cm = tock::cortex_m;

struct TimerCtrl {
  static constexpr cm::Field<uint32_t, TimerCtrl, 0, 1> kEnable{};
  static constexpr cm::Field<uint32_t, TimerCtrl, 1, 1> kExtIn{};
  static constexpr cm::Field<uint32_t, TimerCtrl, 2, 1> kExtClk{};
  static constexpr cm::Field<uint32_t, TimerCtrl, 3, 1> kIntEnable{};
};
struct TimerInt {
  static constexpr cm::Field<uint32_t, TimerInt, 0, 1> kInt{};
};

struct CmsdkTimerRegisters {
  cm::ReadWrite<uint32_t, TimerCtrl> ctrl;      // 0x00
  cm::ReadWrite<uint32_t> value;                // 0x04 counts down
  cm::ReadWrite<uint32_t> reload;               // 0x08
  cm::ReadWrite<uint32_t, TimerInt> intstatus;  // 0x0C read status / write 1 clears
};

class CmsdkTimerAlarm final : public tock::hil::time::Alarm<tock::hil::time::Ticks32> {
 public:
  using Ticks = tock::hil::time::Ticks32;

  constexpr CmsdkTimerAlarm(uintptr_t counter_base, uintptr_t alarm_base, unsigned alarm_irq,
                            uint32_t pclk_hz)
      : counter_(counter_base), alarm_(alarm_base), irq_(alarm_irq), hz_(pclk_hz) {}

  void Init();
  bool OwnsIrq(unsigned irq) const { return irq == irq_; }
  void HandleInterrupt();

  uint32_t Frequency() const override { return hz_; }
  Ticks Now() const override;
  void SetAlarmClient(tock::hil::time::AlarmClient& client) override { client_ = &client; }
  void SetAlarm(Ticks reference, Ticks dt) override;
  Ticks GetAlarm() const override { return expiry_; }
  tock::Result<void> Disarm() override;
  bool IsArmed() const override { return armed_; }
  Ticks MinimumDt() const override { return Ticks(16); }

 private:
  cm::StaticRef<CmsdkTimerRegisters> counter_;
  cm::StaticRef<CmsdkTimerRegisters> alarm_;
  unsigned irq_;
  uint32_t hz_;
  tock::hil::time::AlarmClient* client_ = nullptr;
  Ticks expiry_;
  bool armed_ = false;
};

}  // namespace tock::mps2

#endif  // TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_TIMER_ALARM_H_
