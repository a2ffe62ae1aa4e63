// HostPin, HostGpioBank, HostLeds, HostButtons: edges fire per the enabled edge only on input
// pins with interrupts on; output changes reach listeners; LEDs and buttons map levels right.
#include "hostkernel/peripherals/host_pin.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"

namespace tock::hostkernel {
namespace {

namespace gpio = ::tock::hil::gpio;

struct CountingClient : gpio::InterruptClient {
  void Fired() override { ++fired; }
  int fired = 0;
};

TEST(HostPinTest, RisingEdgeFiresOnlyOnLowToHigh) {
  HostPin pin("p");
  CountingClient c;
  pin.SetClient(c);
  pin.MakeInput();
  pin.Drive(false);
  pin.EnableInterrupts(gpio::InterruptEdge::kRisingEdge);
  EXPECT_TRUE(pin.Drive(true));
  EXPECT_FALSE(pin.Drive(true));   // no change, no edge
  EXPECT_FALSE(pin.Drive(false));  // falling edge not enabled
  EXPECT_EQ(c.fired, 1);
  EXPECT_FALSE(pin.Read());
}

TEST(HostPinTest, FallingAndEitherEdges) {
  HostPin pin("p");
  CountingClient c;
  pin.SetClient(c);
  pin.MakeInput();
  pin.Drive(true);
  pin.EnableInterrupts(gpio::InterruptEdge::kFallingEdge);
  pin.Drive(false);
  pin.Drive(true);
  EXPECT_EQ(c.fired, 1);
  pin.EnableInterrupts(gpio::InterruptEdge::kEitherEdge);
  pin.Drive(false);
  pin.Drive(true);
  EXPECT_EQ(c.fired, 3);
}

TEST(HostPinTest, NoInterruptWhenDisabledOrNotInput) {
  HostPin pin("p");
  CountingClient c;
  pin.SetClient(c);
  pin.EnableInterrupts(gpio::InterruptEdge::kEitherEdge);
  pin.Drive(true);  // not an input yet
  pin.MakeInput();
  pin.DisableInterrupts();
  pin.Drive(false);
  EXPECT_EQ(c.fired, 0);
}

TEST(HostPinTest, UndrivenInputReadsItsPullAndPullChangeIsAnEdge) {
  HostPin pin("p");
  CountingClient c;
  pin.SetClient(c);
  pin.MakeInput();
  EXPECT_FALSE(pin.Read());
  pin.EnableInterrupts(gpio::InterruptEdge::kRisingEdge);
  pin.SetFloatingState(gpio::FloatingState::kPullUp);
  EXPECT_TRUE(pin.Read());
  EXPECT_EQ(c.fired, 1);
  pin.Drive(false);
  EXPECT_FALSE(pin.Read());
  pin.Undrive();
  EXPECT_TRUE(pin.Read());
  EXPECT_EQ(c.fired, 2);
}

TEST(HostPinTest, OutputListenerSeesEachLevelChangeOnce) {
  HostPin pin("p", 4);
  std::vector<std::pair<size_t, bool>> seen;
  pin.AddOutputListener([&](const HostPin& p, bool level) { seen.push_back({p.index(), level}); });
  pin.Set();  // not an output: latched but not observable
  EXPECT_TRUE(seen.empty());
  pin.MakeOutput();  // now drives the latched high
  pin.Set();         // unchanged
  pin.Clear();
  EXPECT_FALSE(pin.Toggle() == false);
  EXPECT_EQ(seen, (std::vector<std::pair<size_t, bool>>{{4, true}, {4, false}, {4, true}}));
  EXPECT_TRUE(pin.Read());
}

TEST(HostGpioBankTest, PinsAreNamedAndFindRejectsOutOfRange) {
  HostGpioBank bank("gpio", 3);
  EXPECT_EQ(bank.size(), 3u);
  EXPECT_EQ(bank.pin(2).name(), "gpio2");
  EXPECT_EQ(bank.find(3), nullptr);
  std::vector<std::string> changes;
  bank.AddOutputListener(
      [&](const HostPin& p, bool level) { changes.push_back(p.name() + (level ? "=1" : "=0")); });
  bank.pin(0).MakeOutput();  // becoming an output reports the level it now drives
  bank.pin(0).Set();
  bank.pin(1).Set();  // latched only
  bank.pin(1).MakeOutput();
  EXPECT_EQ(changes, (std::vector<std::string>{"gpio0=0", "gpio0=1", "gpio1=1"}));
}

TEST(HostLedsTest, LedHighDrivesPinsAndChangesAreObservable) {
  HostLeds leds(2, /*log_changes=*/false);
  std::vector<std::string> events;
  leds.pins().AddOutputListener([&](const HostPin& p, bool on) {
    events.push_back(std::to_string(p.index()) + (on ? " on" : " off"));
  });
  leds.led(0).Init();
  leds.led(1).Init();
  EXPECT_FALSE(leds.IsOn(0));
  leds.led(1).On();
  leds.led(1).Toggle();
  leds.led(0).Toggle();
  EXPECT_TRUE(leds.IsOn(0));
  EXPECT_FALSE(leds.IsOn(1));
  EXPECT_TRUE(leds.led(0).Read());
  EXPECT_EQ(events, (std::vector<std::string>{"0 off", "1 off", "1 on", "1 off", "0 on"}));
}

TEST(HostButtonsTest, ActiveLowPressDrivesLowAndFiresFallingEdge) {
  HostButtons buttons(2);
  auto& d = buttons.descriptors();
  ASSERT_EQ(d.size(), 2u);
  CountingClient c;
  d[1].pin->SetClient(c);
  d[1].pin->MakeInput();
  d[1].pin->SetFloatingState(d[1].floating);
  d[1].pin->EnableInterrupts(gpio::InterruptEdge::kFallingEdge);
  EXPECT_FALSE(d[1].Pressed());
  EXPECT_TRUE(d[1].pin->Read());
  EXPECT_TRUE(buttons.Press(1));
  EXPECT_TRUE(d[1].Pressed());
  EXPECT_TRUE(buttons.IsPressed(1));
  EXPECT_EQ(c.fired, 1);
  EXPECT_TRUE(buttons.Release(1));
  EXPECT_FALSE(buttons.IsPressed(1));
  EXPECT_EQ(c.fired, 1);
  EXPECT_FALSE(buttons.Press(2));
}

TEST(HostButtonsTest, ActiveHighPressDrivesHigh) {
  HostButtons buttons(1, HostButtons::ActivationMode::kActiveHigh);
  buttons.pin(0).MakeInput();
  EXPECT_FALSE(buttons.pin(0).Read());
  buttons.Press(0);
  EXPECT_TRUE(buttons.pin(0).Read());
  EXPECT_TRUE(buttons.descriptors()[0].Pressed());
}

}  // namespace
}  // namespace tock::hostkernel
