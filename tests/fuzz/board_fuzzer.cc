// Fuzz target: every capsule on one kernel, wired like a board (one UART shared through the mux
// by console, low-level debug and the process console; one alarm mux), so interactions between
// capsules -- the UART mux above all -- are fuzzed too.
#include "capsules/alarm/alarm_driver.h"
#include "capsules/button/button_driver.h"
#include "capsules/console/console.h"
#include "capsules/gpio/gpio_driver.h"
#include "capsules/led/led_driver.h"
#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_console/process_console.h"
#include "capsules/rng/rng_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using namespace tock::capsules;  // NOLINT
using tock::hil::button::ActivationMode;
using tock::hil::gpio::FloatingState;
using tock::hil::time::Ticks32;

struct Board {
  explicit Board(tock::fuzz::Harness& h)
      : console_grant(h.kernel(), Console::kDriverNum, h.memory_cap()),
        console(h.NewUartDevice(), console_grant, console_tx, console_rx),
        alarm_grant(h.kernel(), driver_num::kAlarm, h.memory_cap()),
        alarm(h.NewVirtualAlarm(), alarm_grant),
        leds{&h.led(0), &h.led(1)},
        led(leds),
        button_pins{{&h.pin(0), ActivationMode::kActiveHigh, FloatingState::kPullDown}},
        button_grant(h.kernel(), ButtonDriver::kDriverNum, h.memory_cap()),
        button(button_grant, button_pins),
        gpio_pins{&h.pin(1), &h.pin(2)},
        gpio_grant(h.kernel(), GpioDriver::kDriverNum, h.memory_cap()),
        gpio(gpio_grant, gpio_pins),
        rng_grant(h.kernel(), RngDriver::kDriverNum, h.memory_cap()),
        rng(h.entropy(), rng_grant),
        lld_grant(h.kernel(), LowLevelDebug::kDriverNum, h.memory_cap()),
        lld(h.NewUartDevice(), lld_grant, lld_buffer),
        pm(
            h.kernel(), h.process_cap(), h.loop_cap(), [](const char*) {}, [] {}),
        pconsole(h.NewUartDevice(), pm) {
    h.Register(Console::kDriverNum, console);
    h.Register(driver_num::kAlarm, alarm);
    h.Register(LedDriver::kDriverNum, led);
    h.Register(ButtonDriver::kDriverNum, button);
    h.Register(GpioDriver::kDriverNum, gpio);
    h.Register(RngDriver::kDriverNum, rng);
    h.Register(LowLevelDebug::kDriverNum, lld);
    pconsole.Start();
  }
  uint8_t console_tx[64] = {};
  uint8_t console_rx[64] = {};
  Console::GrantType console_grant;
  Console console;
  AlarmDriver<Ticks32>::GrantType alarm_grant;
  AlarmDriver<Ticks32> alarm;
  tock::hil::led::Led* leds[2];
  LedDriver led;
  tock::hil::button::ButtonPin button_pins[1];
  ButtonDriver::GrantType button_grant;
  StaticButtonDriver<1> button;
  tock::hil::gpio::InterruptPin* gpio_pins[2];
  GpioDriver::GrantType gpio_grant;
  StaticGpioDriver<2> gpio;
  RngDriver::GrantType rng_grant;
  RngDriver rng;
  uint8_t lld_buffer[LowLevelDebug::kBufferLen] = {};
  LowLevelDebug::GrantType lld_grant;
  LowLevelDebug lld;
  KernelProcessManagement pm;
  ProcessConsole pconsole;
};

}  // namespace

TOCK_FUZZ_BOARD(Board, tock::fuzz::HarnessOptions{.processes = 3})
