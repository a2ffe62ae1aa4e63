// Every capsule wired the way a board does it (one UART shared through the mux by the console,
// low-level debug, kernel debug output and the process console; one alarm shared through the
// alarm mux), driven through the kernel harness. Checks that they coexist: output lines from
// the different users never mix, and each driver answers on its number.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "capsules/alarm/alarm_driver.h"
#include "capsules/button/button_driver.h"
#include "capsules/console/console.h"
#include "capsules/debug_writer/debug_writer.h"
#include "capsules/gpio/gpio_driver.h"
#include "capsules/led/led_driver.h"
#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_console/process_console.h"
#include "capsules/rng/rng_driver.h"
#include "capsules/testing/capsule_harness.h"
#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/testing/fake_alarm.h"
#include "hil/testing/fake_entropy.h"
#include "hil/testing/fake_gpio_pin.h"
#include "hil/testing/fake_led.h"
#include "hil/testing/fake_uart.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::time::Ticks32;

// The "board": a parts list, in the order a board file would declare it.
struct Board {
  ScopedHarness h = MakeHarness();
  // Chip peripherals (fakes).
  hil::testing::FakeUart uart;
  hil::testing::FakeAlarm<Ticks32> rtc{32768};
  hil::testing::FakeLed led0, led1;
  hil::testing::FakeGpioPin button_pin, gpio_pin;
  hil::testing::FakeEntropy trng;
  // Virtualizers.
  uint8_t mux_rx[64];
  MuxUart mux_uart{uart, mux_rx};
  UartDevice console_uart{mux_uart}, lld_uart{mux_uart}, debug_uart{mux_uart},
      pconsole_uart{mux_uart};
  MuxAlarm<Ticks32> mux_alarm{rtc};
  VirtualMuxAlarm<Ticks32> driver_alarm{mux_alarm};
  // Capsules.
  uint8_t console_tx[64], console_rx[64];
  Console::GrantType console_grant{h->kernel, Console::kDriverNum, h->memory_cap};
  Console console{console_uart, console_grant, console_tx, console_rx};
  AlarmDriver<Ticks32>::GrantType alarm_grant{h->kernel, driver_num::kAlarm, h->memory_cap};
  AlarmDriver<Ticks32> alarm{driver_alarm, alarm_grant};
  hil::led::Led* leds[2] = {&led0, &led1};
  LedDriver led{leds};
  hil::button::ButtonPin buttons[1] = {
      {&button_pin, hil::button::ActivationMode::kActiveHigh, hil::gpio::FloatingState::kPullDown}};
  ButtonDriver::GrantType button_grant{h->kernel, ButtonDriver::kDriverNum, h->memory_cap};
  StaticButtonDriver<1> button{button_grant, buttons};
  hil::gpio::InterruptPin* gpio_pins[1] = {&gpio_pin};
  GpioDriver::GrantType gpio_grant{h->kernel, GpioDriver::kDriverNum, h->memory_cap};
  StaticGpioDriver<1> gpio{gpio_grant, gpio_pins};
  RngDriver::GrantType rng_grant{h->kernel, RngDriver::kDriverNum, h->memory_cap};
  RngDriver rng{trng, rng_grant};
  uint8_t lld_buffer[LowLevelDebug::kBufferLen];
  LowLevelDebug::GrantType lld_grant{h->kernel, LowLevelDebug::kDriverNum, h->memory_cap};
  LowLevelDebug lld{lld_uart, lld_grant, lld_buffer};
  uint8_t debug_ring[256], debug_tx[32];
  DebugWriter debug{debug_uart, debug_ring, debug_tx};
  KernelProcessManagement pm{h->kernel, h->process_cap, h->loop_cap};
  ProcessConsole pconsole{pconsole_uart, pm};

  Board() {
    EXPECT_TRUE(h->Register(Console::kDriverNum, console).ok());
    EXPECT_TRUE(h->Register(driver_num::kAlarm, alarm).ok());
    EXPECT_TRUE(h->Register(LedDriver::kDriverNum, led).ok());
    EXPECT_TRUE(h->Register(ButtonDriver::kDriverNum, button).ok());
    EXPECT_TRUE(h->Register(GpioDriver::kDriverNum, gpio).ok());
    EXPECT_TRUE(h->Register(RngDriver::kDriverNum, rng).ok());
    EXPECT_TRUE(h->Register(LowLevelDebug::kDriverNum, lld).ok());
  }
};

TEST(BoardWiringTest, EveryDriverAnswersCommandZero) {
  auto board = std::make_unique<Board>();
  ProcessId app = board->h->Load(0).value();
  for (uint32_t num :
       {driver_num::kAlarm, driver_num::kConsole, driver_num::kLed, driver_num::kButton,
        driver_num::kGpio, driver_num::kLowLevelDebug, driver_num::kRng}) {
    EXPECT_GE(board->h->Command(app, num, 0, 0, 0).variant(), 128u) << num;
  }
  ExpectFailure(board->h->Command(app, 0x90000, 0, 0, 0), ErrorCode::kNoDevice);
}

TEST(BoardWiringTest, SharedUartKeepsEveryUsersLinesWhole) {
  auto board = std::make_unique<Board>();
  Harness& h = *board->h;
  ProcessId a = h.Load(0).value();
  ProcessId b = h.Load(1).value();
  board->pconsole.Start();
  // App a writes a line in two console writes; app b writes a line; an app prints through
  // low-level debug; the kernel logs; the user types `status` at the process console.
  auto allow_text = [&](ProcessId pid, const std::string& text) {
    uint32_t addr = h.AppBuffer(pid, 512, static_cast<uint32_t>(text.size()));
    std::memcpy(h.platform(pid).Ram(addr), text.data(), text.size());
    ASSERT_EQ(
        h.AllowReadOnly(pid, driver_num::kConsole, 1, addr, static_cast<uint32_t>(text.size()))
            .variant(),
        kSuccessU32U32);
  };
  allow_text(a, "app a says ");
  ExpectSuccess(h.Command(a, driver_num::kConsole, 1, 11, 0));
  allow_text(b, "app b line\n");
  ExpectSuccess(h.Command(b, driver_num::kConsole, 1, 11, 0));
  ExpectSuccess(h.Command(b, driver_num::kLowLevelDebug, 2, 0x42, 0));
  board->debug.Write("kernel: something happened\n");
  board->uart.Inject("status\r");
  // Let the UART run; a writes the rest of its line once its first write completes.
  bool second_write = false;
  for (int round = 0; round < 50 && board->uart.CompleteTransmit(); ++round) {
    if (!second_write && TakeUpcall(h, a, driver_num::kConsole, 1).has_value()) {
      second_write = true;
      allow_text(a, "hello\n");
      ExpectSuccess(h.Command(a, driver_num::kConsole, 1, 6, 0));
    }
  }
  board->uart.CompleteAllTransmits();
  ASSERT_TRUE(second_write);
  // Every output line belongs to one user (a's line may be split in two when another user's
  // line was waiting, but never mixed).
  const std::string lld_line = "LowLevelDebug: App 0x" + std::to_string(b.id()) + " prints 0x42";
  const std::set<std::string> allowed = {"app a says hello",
                                         "app a says ",
                                         "hello",
                                         "app b line",
                                         "kernel: something happened",
                                         lld_line,
                                         "",
                                         "tock$ ",
                                         "tock$ status",
                                         "Total processes: 2",
                                         "Active processes: 2",
                                         "Timeslice expirations: 0"};
  std::istringstream lines{std::string(board->uart.output())};
  std::string line;
  std::set<std::string> seen;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    EXPECT_TRUE(allowed.count(line)) << "mixed line: '" << line << "'\n" << board->uart.output();
    seen.insert(line);
  }
  for (const std::string& must :
       {std::string("app b line"), std::string("kernel: something happened"), lld_line,
        std::string("Total processes: 2")}) {
    EXPECT_TRUE(seen.count(must)) << must;
  }
  EXPECT_TRUE(seen.count("app a says hello") || (seen.count("app a says ") && seen.count("hello")));
}

}  // namespace
}  // namespace tock::capsules
