// Every component built against the fakes in hil/testing and registered through the
// DriverRegistrar into the kernel harness's driver table, the way a board wires them: each
// answers a system call on its upstream number through the shared UART or alarm it was given.
// The registrar's failures (number taken, table full) are reported once, naming the driver.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "capsules/components/alarm_driver_component.h"
#include "capsules/components/alarm_mux_component.h"
#include "capsules/components/button_component.h"
#include "capsules/components/console_component.h"
#include "capsules/components/driver_registrar.h"
#include "capsules/components/gpio_component.h"
#include "capsules/components/led_component.h"
#include "capsules/components/low_level_debug_component.h"
#include "capsules/components/nonvolatile_storage_component.h"
#include "capsules/components/process_console_component.h"
#include "capsules/components/rng_component.h"
#include "capsules/components/uart_mux_component.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_alarm.h"
#include "hil/testing/fake_entropy.h"
#include "hil/testing/fake_flash.h"
#include "hil/testing/fake_gpio_pin.h"
#include "hil/testing/fake_led.h"
#include "hil/testing/fake_uart.h"

namespace tock::capsules::components {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::time::Ticks32;
using Upcall = std::array<uint32_t, 3>;

// A board made of components, in parts-list order.
struct Board {
  ScopedHarness h = MakeHarness();
  // Chip peripherals (fakes).
  hil::testing::FakeUart uart;
  hil::testing::FakeAlarm<Ticks32> rtc{32768};
  hil::testing::FakeLed led0, led1;
  hil::testing::FakeGpioPin button_pin, gpio_pin0, gpio_pin1;
  hil::testing::FakeEntropy trng;
  hil::testing::FakeFlash flash{512, 8};
  // Components.
  UartMuxComponent<> uart_mux{uart};
  AlarmMuxComponent<Ticks32> alarm_mux{rtc};
  ConsoleComponent<> console{uart_mux.mux(), h->kernel, h->memory_cap};
  LowLevelDebugComponent lld{uart_mux.mux(), h->kernel, h->memory_cap};
  AlarmDriverComponent<Ticks32> alarm{alarm_mux.mux(), h->kernel, h->memory_cap};
  hil::led::Led* const leds[2] = {&led0, &led1};
  LedComponent<2> led{leds};
  const hil::button::ButtonPin button_pins[1] = {
      {&button_pin, hil::button::ActivationMode::kActiveHigh, hil::gpio::FloatingState::kPullDown}};
  ButtonComponent<1> buttons{button_pins, h->kernel, h->memory_cap};
  hil::gpio::InterruptPin* const gpio_pins[2] = {&gpio_pin0, &gpio_pin1};
  GpioComponent<2> gpio{gpio_pins, h->kernel, h->memory_cap};
  RngComponent rng{trng, h->kernel, h->memory_cap};
  // Apps see bytes [512, 1536) of the 4 KiB flash.
  NonvolatileStorageComponent<512> nv{flash, h->kernel, h->memory_cap, 512, 1024};
  ProcessConsoleComponent pconsole{uart_mux.mux(), h->kernel, h->process_cap, h->loop_cap};
  DriverRegistrar<16> registrar{h->drivers};

  Board() {
    EXPECT_TRUE(registrar.Add(console));
    EXPECT_TRUE(registrar.Add(lld));
    EXPECT_TRUE(registrar.Add(alarm));
    EXPECT_TRUE(registrar.Add(led));
    EXPECT_TRUE(registrar.Add(buttons));
    EXPECT_TRUE(registrar.Add(gpio));
    EXPECT_TRUE(registrar.Add(rng));
    EXPECT_TRUE(registrar.Add(nv));
    EXPECT_TRUE(registrar.ok());
  }

  // Copies `text` into the app's RAM and allows it read-only.
  void AllowText(ProcessId pid, uint32_t driver, uint32_t num, const std::string& text) {
    uint32_t addr = h->AppBuffer(pid, 512, static_cast<uint32_t>(text.size()));
    std::memcpy(h->platform(pid).Ram(addr), text.data(), text.size());
    ASSERT_EQ(
        h->AllowReadOnly(pid, driver, num, addr, static_cast<uint32_t>(text.size())).variant(),
        kSuccessU32U32);
  }
};

class ComponentsTest : public ::testing::Test {
 protected:
  void SetUp() override { app = board->h->Load(0).value(); }

  std::unique_ptr<Board> board = std::make_unique<Board>();
  Harness& h = *board->h;
  ProcessId app;
};

TEST_F(ComponentsTest, EveryDriverIsRegisteredUnderItsUpstreamNumber) {
  EXPECT_EQ(h.drivers.Lookup(0x0), &board->alarm.driver());
  EXPECT_EQ(h.drivers.Lookup(0x1), &board->console.driver());
  EXPECT_EQ(h.drivers.Lookup(0x2), &board->led.driver());
  EXPECT_EQ(h.drivers.Lookup(0x3), &board->buttons.driver());
  EXPECT_EQ(h.drivers.Lookup(0x4), &board->gpio.driver());
  EXPECT_EQ(h.drivers.Lookup(0x8), &board->lld.driver());
  EXPECT_EQ(h.drivers.Lookup(0x40001), &board->rng.driver());
  EXPECT_EQ(h.drivers.Lookup(0x50001), &board->nv.driver());
  EXPECT_EQ(h.drivers.size(), 8u);
}

TEST_F(ComponentsTest, ConsoleWritesThroughTheUartMux) {
  board->AllowText(app, 0x1, 1, "hello from a component\n");
  ExpectSuccess(h.Command(app, 0x1, 1, 23, 0));
  board->uart.CompleteAllTransmits();
  EXPECT_EQ(board->uart.output(), "hello from a component\n");
  EXPECT_EQ(TakeUpcall(h, app, 0x1, 1), (Upcall{23, 0, 0}));
}

TEST_F(ComponentsTest, ConsoleReadsUpToItsDefaultReceiveBuffer) {
  uint32_t addr = h.AppBuffer(app, 1024, 128);
  ASSERT_EQ(h.AllowReadWrite(app, 0x1, 1, addr, 128).variant(), kSuccessU32U32);
  ExpectFailure(h.Command(app, 0x1, 2, 65, 0), ErrorCode::kInval);  // kRxLen is 64
  ExpectSuccess(h.Command(app, 0x1, 2, 3, 0));
  board->uart.Inject("abc");
  EXPECT_EQ(TakeUpcall(h, app, 0x1, 2), (Upcall{0, 3, 0}));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(h.platform(app).Ram(addr)), 3), "abc");
}

TEST_F(ComponentsTest, LowLevelDebugPrintsOnTheSharedUart) {
  ExpectSuccess(h.Command(app, 0x8, 2, 0x42, 0));
  board->uart.CompleteAllTransmits();
  EXPECT_EQ(board->uart.output(),
            "LowLevelDebug: App 0x" + std::to_string(app.id()) + " prints 0x42\n");
}

TEST_F(ComponentsTest, AlarmFiresThroughTheVirtualAlarmMux) {
  ExpectSuccessU32(h.Command(app, 0x0, 1, 0, 0), 32768);
  ASSERT_EQ(h.Subscribe(app, 0x0, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccessU32(h.Command(app, 0x0, 5, 100, 0), 100);
  EXPECT_TRUE(board->rtc.IsArmed());
  board->rtc.Advance(100);
  EXPECT_EQ(TakeUpcall(h, app, 0x0, 0), (Upcall{100, 100, 0}));
}

TEST_F(ComponentsTest, LedButtonGpioRngAndStorageAnswer) {
  ExpectSuccessU32(h.Command(app, 0x2, 0, 0, 0), 2);  // LED count
  ExpectSuccess(h.Command(app, 0x2, 1, 1, 0));        // LED 1 on
  EXPECT_TRUE(board->led1.Read());
  EXPECT_FALSE(board->led0.Read());
  ExpectSuccessU32(h.Command(app, 0x3, 0, 0, 0), 1);   // button count
  ExpectSuccessU32(h.Command(app, 0x4, 10, 0, 0), 2);  // GPIO pin count
  ExpectSuccess(h.Command(app, 0x40001, 0, 0, 0));
  ExpectSuccessU32(h.Command(app, 0x50001, 1, 0, 0), 1024);  // userspace length
}

TEST_F(ComponentsTest, StorageReadsThroughTheComponentsPageBuffer) {
  std::memcpy(board->flash.page(1) + 10, "stored", 6);  // userspace offset 10
  uint32_t addr = h.AppBuffer(app, 1024, 16);
  ASSERT_EQ(h.AllowReadWrite(app, 0x50001, 0, addr, 16).variant(), kSuccessU32U32);
  ExpectSuccess(h.Command(app, 0x50001, 2, 10, 6));
  board->flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(h, app, 0x50001, 0), (Upcall{6, 0, 0}));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(h.platform(app).Ram(addr)), 6), "stored");
}

TEST_F(ComponentsTest, ProcessConsoleAnswersOnTheSharedUart) {
  board->pconsole.Start();
  board->uart.CompleteAllTransmits();
  board->uart.ClearOutput();
  board->uart.Inject("status\r");
  board->uart.CompleteAllTransmits();
  EXPECT_NE(board->uart.output().find("Total processes: 1"), std::string::npos)
      << board->uart.output();
}

TEST(DriverRegistrarTest, NumberTakenTwiceIsReportedOnceNamingTheDriver) {
  ScopedHarness h = MakeHarness();
  hil::testing::FakeUart uart;
  UartMuxComponent<> mux{uart};
  ConsoleComponent<> console{mux.mux(), h->kernel, h->memory_cap};
  LowLevelDebugComponent lld{mux.mux(), h->kernel, h->memory_cap};
  DriverRegistrar<16> registrar{h->drivers};
  EXPECT_TRUE(registrar.Add(console));
  EXPECT_STREQ(registrar.error(), "");
  EXPECT_FALSE(registrar.Add(console));
  EXPECT_FALSE(registrar.ok());
  EXPECT_STREQ(registrar.error(),
               "cannot register driver 0x1 (console): number already registered");
  EXPECT_FALSE(registrar.Add(0x1, lld.driver()));  // a later failure keeps the first line
  EXPECT_STREQ(registrar.error(),
               "cannot register driver 0x1 (console): number already registered");
  EXPECT_TRUE(registrar.Add(lld));  // the table itself still works
}

TEST(DriverRegistrarTest, FullTableIsReportedWithItsCapacity) {
  ScopedHarness h = MakeHarness();
  hil::testing::FakeUart uart;
  UartMuxComponent<> mux{uart};
  ConsoleComponent<> console{mux.mux(), h->kernel, h->memory_cap};
  LowLevelDebugComponent lld{mux.mux(), h->kernel, h->memory_cap};
  hil::testing::FakeEntropy trng;
  RngComponent rng{trng, h->kernel, h->memory_cap};
  DriverTable<2> small;
  DriverRegistrar<2> registrar{small};
  EXPECT_TRUE(registrar.Add(console));
  EXPECT_TRUE(registrar.Add(lld));
  EXPECT_FALSE(registrar.Add(rng));
  EXPECT_STREQ(registrar.error(),
               "cannot register driver 0x40001 (RNG): driver table full (2 entries)");
}

}  // namespace
}  // namespace tock::capsules::components
