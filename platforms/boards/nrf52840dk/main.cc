// nRF52840-DK board: the same kernel and capsules as the host and QEMU boards, wired as
// statics in parts-list style: console on UARTE0 (P0.06 TX, P0.08 RX, the J-Link VCOM), alarm
// on RTC1, LEDs 1-4 on P0.13-P0.16 (active low), apps as TBFs from 0x00040000.
#include <cstddef>
#include <cstdint>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/console/console.h"
#include "capsules/driver_numbers.h"
#include "capsules/led/led_driver.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/led.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "platforms/arch/cortex_m/app_memory_allocator.h"
#include "platforms/arch/cortex_m/cortex_m_process.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/kernel_loop.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/boards/common/flash_app_loader.h"
#include "platforms/chips/nrf52840/chip.h"
#include "platforms/chips/nrf52840/gpio.h"

extern "C" {
extern uint8_t _sapps[], _eapps[], _sappmem[], _eappmem[];
}

namespace {

using tock::hil::time::Ticks24;
namespace caps = tock::capsules;
namespace cm = tockpp::cortex_m;
namespace nrf = tockpp::nrf52840;

constexpr size_t kNumProcs = 4;
constexpr unsigned kUartTxPin = 6;
constexpr unsigned kUartRxPin = 8;

// ---- Parts list ----
nrf::Nrf52840 chip;
tock::Process processes[kNumProcs];
cm::CortexMProcess process_platforms[kNumProcs];
tock::TbfDescription tbfs[kNumProcs];
tock::DriverTable<8> drivers;
tock::Kernel kernel(processes, drivers);
const auto mem_cap = tock::CapabilityFactory::MemoryAllocation();
const tock::ThresholdRestartFaultPolicy fault_policy(3);

uint8_t mux_rx[64];
caps::MuxUart mux_uart(chip.uarte0(), mux_rx);
caps::UartDevice console_uart(mux_uart);
uint8_t console_tx[64];
uint8_t console_rx[64];
caps::Console::GrantType console_grant(kernel, caps::Console::kDriverNum, mem_cap);
caps::Console console(console_uart, console_grant, console_tx, console_rx);

caps::MuxAlarm<Ticks24> mux_alarm(chip.rtc1());
caps::VirtualMuxAlarm<Ticks24> driver_alarm(mux_alarm);
caps::AlarmDriver<Ticks24>::GrantType alarm_grant(kernel, tock::capsules::driver_num::kAlarm,
                                                  mem_cap);
caps::AlarmDriver<Ticks24> alarm_driver(driver_alarm, alarm_grant);

nrf::GpioPin led_pins[] = {nrf::GpioPin(13), nrf::GpioPin(14), nrf::GpioPin(15),
                           nrf::GpioPin(16)};
tock::hil::led::LedLow led1(led_pins[0]), led2(led_pins[1]), led3(led_pins[2]),
    led4(led_pins[3]);
tock::hil::led::Led* const leds[] = {&led1, &led2, &led3, &led4};

void DebugWrite(const char* data, size_t len) { chip.uarte0().WriteBlocking(data, len); }

uint32_t Addr(const uint8_t* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

[[noreturn]] void Main() {
  chip.Init(kUartTxPin, kUartRxPin);
  cm::SetPanicOutput(&DebugWrite);
  cm::PanicPrint("tockpp: nrf52840dk kernel booting\r\n");

  static caps::LedDriver led_driver(leds);
  (void)drivers.Register(caps::Console::kDriverNum, console);
  (void)drivers.Register(tock::capsules::driver_num::kAlarm, alarm_driver);
  (void)drivers.Register(tock::capsules::driver_num::kLed, led_driver);

  static cm::AppMemoryAllocator app_memory(Addr(_sappmem), Addr(_eappmem));
  const auto pm_cap = tock::CapabilityFactory::ProcessManagement();
  (void)tockpp::boards::LoadFlashApps(Addr(_sapps), Addr(_eapps), kernel, app_memory,
                                      process_platforms, tbfs, fault_policy, pm_cap,
                                      &DebugWrite);
  static cm::KernelLoop<nrf::Nrf52840> loop(kernel, chip, nrf::kCoreClockHz);
  loop.Run();
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  cm::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const cm::VectorTable<nrf::kNumIrqs>
    tockpp_vectors = cm::MakeVectorTable<nrf::kNumIrqs>(&tockpp_reset_handler);
