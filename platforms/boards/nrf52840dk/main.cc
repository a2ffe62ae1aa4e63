// nRF52840-DK board: the same kernel and capsules as the host board, wired as statics in
// parts-list style: console + low-level debug on UARTE0 (P0.06 TX, P0.08 RX, the J-Link VCOM),
// alarm on RTC1, LEDs 1-4 on P0.13-16 and buttons 1-4 on P0.11/12/24/25 (active low), GPIO
// header pins P1.01-P1.08, RNG, nonvolatile storage for apps on NVMC pages (the last 128 KiB
// of flash, layout.ld); apps as TBFs from 0x00040000. Each capsule is wired by its component
// (capsules/components), as on the other boards.
#include <cstddef>
#include <cstdint>

#include "capsules/components/button_component.h"
#include "capsules/components/gpio_component.h"
#include "capsules/components/led_component.h"
#include "capsules/components/nonvolatile_storage_component.h"
#include "capsules/components/rng_component.h"
#include "hil/button.h"
#include "hil/led.h"
#include "kernel/fault_policy.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/kernel_loop.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/boards/common/core_parts.h"
#include "platforms/boards/common/process_console_parts.h"
#include "platforms/chips/nrf52840/chip.h"
#include "platforms/chips/nrf52840/gpio.h"

extern "C" {
extern uint8_t _sapps[], _eapps[], _sappmem[], _eappmem[], _sstorage[], _estorage[];
}

namespace {

namespace comp = tock::capsules::components;
namespace cm = tock::cortex_m;
namespace nrf = tock::nrf52840;
using tock::hil::button::ActivationMode;
using tock::hil::gpio::FloatingState;

constexpr unsigned kUartTxPin = 6;
constexpr unsigned kUartRxPin = 8;

// ---- Parts list ----
nrf::Nrf52840 chip;
// Kernel, 4 process slots, console + low-level debug on UARTE0, alarm on RTC1.
tock::boards::CoreParts<tock::hil::time::Ticks24, 4> core(chip.uarte0(), chip.rtc1());
const tock::ThresholdRestartFaultPolicy fault_policy(3);

nrf::GpioPin led_pins[] = {nrf::GpioPin(13), nrf::GpioPin(14), nrf::GpioPin(15), nrf::GpioPin(16)};
tock::hil::led::LedLow led1(led_pins[0]), led2(led_pins[1]), led3(led_pins[2]), led4(led_pins[3]);
tock::hil::led::Led* const leds[] = {&led1, &led2, &led3, &led4};

nrf::GpioPin button_pins[] = {nrf::GpioPin(11), nrf::GpioPin(12), nrf::GpioPin(24),
                              nrf::GpioPin(25)};
const tock::hil::button::ButtonPin buttons[] = {
    {&button_pins[0], ActivationMode::kActiveLow, FloatingState::kPullUp},
    {&button_pins[1], ActivationMode::kActiveLow, FloatingState::kPullUp},
    {&button_pins[2], ActivationMode::kActiveLow, FloatingState::kPullUp},
    {&button_pins[3], ActivationMode::kActiveLow, FloatingState::kPullUp},
};

nrf::GpioPin header_pins[] = {nrf::GpioPin(33), nrf::GpioPin(34), nrf::GpioPin(35),
                              nrf::GpioPin(36), nrf::GpioPin(37), nrf::GpioPin(38),
                              nrf::GpioPin(39), nrf::GpioPin(40)};
tock::hil::gpio::InterruptPin* const gpio_pins[] = {
    &header_pins[0], &header_pins[1], &header_pins[2], &header_pins[3],
    &header_pins[4], &header_pins[5], &header_pins[6], &header_pins[7]};

comp::RngComponent rng_driver(chip.rng(), core.kernel(), core.mem_cap());

void DebugWrite(const char* data, size_t len) { chip.uarte0().WriteBlocking(data, len); }

uint32_t Addr(const uint8_t* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }

// Upstream's process console on the console UART, active from boot as on upstream's
// nrf52840dk.
tock::boards::ProcessConsoleParts process_console(core.mux_uart(), core.kernel(),
                                                  "tockpp nrf52840dk");

[[noreturn]] void Main() {
  chip.Init(kUartTxPin, kUartRxPin);
  cm::SetPanicOutput(&DebugWrite);
  cm::PanicPrint("tockpp: nrf52840dk kernel booting\r\n");

  // Drivers that configure pins when constructed are made after the chip is up.
  static comp::LedComponent<4> led_driver(leds);
  static comp::ButtonComponent<4> button_driver(buttons, core.kernel(), core.mem_cap());
  static comp::GpioComponent<8> gpio_driver(gpio_pins, core.kernel(), core.mem_cap());
  // Nonvolatile storage: byte-addressed over NVMC pages; apps see [_sstorage, _estorage).
  static comp::NonvolatileStorageComponent<nrf::Nvmc::kPageSize> nv_driver(
      chip.nvmc(), core.kernel(), core.mem_cap(), Addr(_sstorage),
      Addr(_estorage) - Addr(_sstorage));
  core.RegisterCoreDrivers();
  core.Register(led_driver);
  core.Register(button_driver);
  core.Register(gpio_driver);
  core.Register(rng_driver);
  core.Register(nv_driver);

  (void)core.LoadApps(Addr(_sapps), Addr(_eapps), Addr(_sappmem), Addr(_eappmem), fault_policy,
                      &DebugWrite);
  // Interrupt-driven output starts only now: the polled lines above never interleave with it.
  process_console.Start();
  static cm::KernelLoop<nrf::Nrf52840> loop(core.kernel(), chip, nrf::kCoreClockHz);
  loop.Run();
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  cm::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const cm::VectorTable<nrf::kNumIrqs>
    tockpp_vectors = cm::MakeVectorTable<nrf::kNumIrqs>(&tockpp_reset_handler);
