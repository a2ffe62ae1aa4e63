// LedHigh/LedLow drive a pin with the right polarity; ButtonPin::Pressed honours the
// activation mode.
#include <gtest/gtest.h>

#include "hil/button.h"
#include "hil/led.h"
#include "hil/testing/fake_gpio_pin.h"

namespace tock::hil {
namespace {

using testing::FakeGpioPin;

TEST(LedAdapterTest, ActiveHighLitWhenPinHigh) {
  FakeGpioPin pin;
  led::LedHigh led(pin);
  led.Init();
  EXPECT_EQ(pin.configuration(), gpio::Configuration::kOutput);
  EXPECT_FALSE(pin.driven_level());
  led.On();
  EXPECT_TRUE(pin.driven_level());
  EXPECT_TRUE(led.Read());
  led.Toggle();
  EXPECT_FALSE(led.Read());
}

TEST(LedAdapterTest, ActiveLowLitWhenPinLow) {
  FakeGpioPin pin;
  led::LedLow led(pin);
  led.Init();
  EXPECT_TRUE(pin.driven_level());  // off
  EXPECT_FALSE(led.Read());
  led.On();
  EXPECT_FALSE(pin.driven_level());
  EXPECT_TRUE(led.Read());
  led.Off();
  EXPECT_TRUE(pin.driven_level());
}

TEST(ButtonPinTest, PressedFollowsActivationMode) {
  FakeGpioPin pin;
  pin.MakeInput();
  button::ButtonPin low{&pin, button::ActivationMode::kActiveLow, gpio::FloatingState::kPullUp};
  button::ButtonPin high{&pin, button::ActivationMode::kActiveHigh, gpio::FloatingState::kPullDown};
  pin.SetInputLevel(false);
  EXPECT_TRUE(low.Pressed());
  EXPECT_FALSE(high.Pressed());
  pin.SetInputLevel(true);
  EXPECT_FALSE(low.Pressed());
  EXPECT_TRUE(high.Pressed());
}

}  // namespace
}  // namespace tock::hil
