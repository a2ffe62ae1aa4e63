// QEMU MPS2-AN386 board: the same kernel and capsules as the host board (those QEMU has
// hardware for: console, low-level debug, alarm, LEDs), wired as statics in
// parts-list style, with apps found as TBFs in the apps flash region (layout.ld `_sapps`).
// Boot: runtime init -> chip -> capsules -> load apps -> KernelLoop (platforms/arch/cortex_m).
#include <cstddef>
#include <cstdint>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/console/console.h"
#include "capsules/driver_numbers.h"
#include "capsules/led/led_driver.h"
#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
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
#include "platforms/chips/mps2_an386/chip.h"
#include "platforms/chips/mps2_an386/scc_led.h"

extern "C" {
extern uint8_t _sapps[], _eapps[], _sappmem[], _eappmem[];
}

namespace {

using tock::hil::time::Ticks32;
namespace caps = tock::capsules;
namespace cm = tockpp::cortex_m;

constexpr size_t kNumProcs = 8;

// ---- Parts list ----
tockpp::mps2::Mps2An386 chip;
tock::Process processes[kNumProcs];
cm::CortexMProcess process_platforms[kNumProcs];
tock::TbfDescription tbfs[kNumProcs];
tock::DriverTable<8> drivers;
tock::Kernel kernel(processes, drivers);
const auto mem_cap = tock::CapabilityFactory::MemoryAllocation();
// A faulting app is restarted once, then stopped; the kernel and the other apps keep running.
const tock::ThresholdRestartFaultPolicy fault_policy(1);

// Console on UART0 through the UART mux.
uint8_t mux_rx[64];
caps::MuxUart mux_uart(chip.uart0(), mux_rx);
caps::UartDevice console_uart(mux_uart);
uint8_t console_tx[64];
uint8_t console_rx[64];
caps::Console::GrantType console_grant(kernel, caps::Console::kDriverNum, mem_cap);
caps::Console console(console_uart, console_grant, console_tx, console_rx);
caps::UartDevice lld_uart(mux_uart);
uint8_t lld_buffer[caps::LowLevelDebug::kBufferLen];
caps::LowLevelDebug::GrantType lld_grant(kernel, caps::LowLevelDebug::kDriverNum, mem_cap);
caps::LowLevelDebug lld(lld_uart, lld_grant, lld_buffer);

// Alarm on the CMSDK timer pair through the alarm mux.
caps::MuxAlarm<Ticks32> mux_alarm(chip.alarm());
caps::VirtualMuxAlarm<Ticks32> driver_alarm(mux_alarm);
caps::AlarmDriver<Ticks32>::GrantType alarm_grant(kernel, tock::capsules::driver_num::kAlarm,
                                                  mem_cap);
caps::AlarmDriver<Ticks32> alarm_driver(driver_alarm, alarm_grant);

// The SCC user LEDs (logged on the UART: QEMU has no LED window in -nographic).
tockpp::mps2::SccLed led0(0), led1(1);
tock::hil::led::Led* const leds[] = {&led0, &led1};
caps::LedDriver* led_driver = nullptr;  // constructed after the LEDs have an observer

// ---- Debug output (polled, also used for panics) ----
void DebugWrite(const char* data, size_t len) { chip.uart0().WriteBlocking(data, len); }

void Print(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  DebugWrite(s, n);
}

void LogLed(unsigned index, bool on) {
  char line[] = "[led] LED0 off\r\n";
  line[9] = static_cast<char>('0' + index);
  Print(on ? "[led] LED" : line);
  if (on) {
    char rest[] = "0 on\r\n";
    rest[0] = static_cast<char>('0' + index);
    Print(rest);
  }
}

uint32_t Addr(const uint8_t* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

[[noreturn]] void Main() {
  chip.Init();
  cm::SetPanicOutput(&DebugWrite);
  Print("tockpp: qemu_mps2_an386 kernel booting\r\n");
  if (cm::Mpu::NumRegions() < cm::kMpuRegions) cm::Panic("no PMSAv7 MPU with 8 regions");

  led0.SetObserver(&LogLed);
  led1.SetObserver(&LogLed);
  static caps::LedDriver leds_driver(leds);
  led_driver = &leds_driver;
  (void)drivers.Register(caps::Console::kDriverNum, console);
  (void)drivers.Register(tock::capsules::driver_num::kAlarm, alarm_driver);
  (void)drivers.Register(tock::capsules::driver_num::kLed, leds_driver);
  (void)drivers.Register(caps::LowLevelDebug::kDriverNum, lld);

  static cm::AppMemoryAllocator app_memory(Addr(_sappmem), Addr(_eappmem));
  const auto pm_cap = tock::CapabilityFactory::ProcessManagement();
  auto report =
      tockpp::boards::LoadFlashApps(Addr(_sapps), Addr(_eapps), kernel, app_memory,
                                    process_platforms, tbfs, fault_policy, pm_cap, &DebugWrite);
  char count[] = "tockpp: 0 processes loaded, entering main loop\r\n";
  count[8] = static_cast<char>('0' + report.loaded % 10);
  Print(count);

  static cm::KernelLoop<tockpp::mps2::Mps2An386> loop(kernel, chip, tockpp::mps2::kSysClockHz);
  loop.Run();
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  cm::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const cm::VectorTable<tockpp::mps2::kNumIrqs>
    tockpp_vectors = cm::MakeVectorTable<tockpp::mps2::kNumIrqs>(&tockpp_reset_handler);
