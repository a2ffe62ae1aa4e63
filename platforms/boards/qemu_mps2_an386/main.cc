// QEMU MPS2-AN386 board: the same kernel and capsules as the host board (those QEMU has
// hardware for: console, low-level debug, alarm, LEDs), wired as statics in parts-list style,
// with apps found as TBFs in the apps flash region (layout.ld `_sapps`).
// Boot: runtime init -> chip -> drivers -> load apps -> KernelLoop (platforms/arch/cortex_m).
#include <cstddef>
#include <cstdint>

#include "capsules/driver_numbers.h"
#include "capsules/led/led_driver.h"
#include "kernel/fault_policy.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/kernel_loop.h"
#include "platforms/arch/cortex_m/mpu.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/boards/common/core_parts.h"
#include "platforms/chips/mps2_an386/chip.h"
#include "platforms/chips/mps2_an386/scc_led.h"

extern "C" {
extern uint8_t _sapps[], _eapps[], _sappmem[], _eappmem[];
}

namespace {

namespace cm = tockpp::cortex_m;
namespace mps2 = tockpp::mps2;

// ---- Parts list ----
mps2::Mps2An386 chip;
// Kernel, 8 process slots, console + low-level debug on UART0, alarm on the CMSDK timers.
tockpp::boards::CoreParts<tock::hil::time::Ticks32, 8> core(chip.uart0(), chip.alarm());
// A faulting app is restarted once, then stopped; the kernel and the other apps keep running.
const tock::ThresholdRestartFaultPolicy fault_policy(1);
// The SCC user LEDs, logged on the UART (QEMU -nographic shows no LEDs).
mps2::SccLed led0(0), led1(1);
tock::hil::led::Led* const leds[] = {&led0, &led1};

// ---- Debug output (polled, also used for panics) ----
void DebugWrite(const char* data, size_t len) { chip.uart0().WriteBlocking(data, len); }

void LogLed(unsigned index, bool on) {
  char line[] = "[led] LED0 off\r\n";
  line[9] = static_cast<char>('0' + index);
  if (on) {  // "off\r\n" -> "on\r\n"
    line[12] = 'n';
    line[13] = '\r';
    line[14] = '\n';
    line[15] = '\0';
  }
  cm::PanicPrint(line);
}

uint32_t Addr(const uint8_t* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

[[noreturn]] void Main() {
  chip.Init();
  cm::SetPanicOutput(&DebugWrite);
  cm::PanicPrint("tockpp: qemu_mps2_an386 kernel booting\r\n");
  if (cm::Mpu::NumRegions() < cm::kMpuRegions) cm::Panic("no PMSAv7 MPU with 8 regions");

  led0.SetObserver(&LogLed);
  led1.SetObserver(&LogLed);
  static tock::capsules::LedDriver led_driver(leds);  // turns the LEDs off (logged)
  core.RegisterCoreDrivers();
  (void)core.drivers().Register(tock::capsules::driver_num::kLed, led_driver);

  auto report = core.LoadApps(Addr(_sapps), Addr(_eapps), Addr(_sappmem), Addr(_eappmem),
                              fault_policy, &DebugWrite);
  char count[] = "tockpp: 0 processes loaded, entering main loop\r\n";
  count[8] = static_cast<char>('0' + report.loaded % 10);
  cm::PanicPrint(count);

  static cm::KernelLoop<mps2::Mps2An386> loop(core.kernel(), chip, mps2::kSysClockHz);
  loop.Run();
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  cm::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const cm::VectorTable<mps2::kNumIrqs>
    tockpp_vectors = cm::MakeVectorTable<mps2::kNumIrqs>(&tockpp_reset_handler);
