// Button driver through the real kernel dispatch (KernelHarness) with FakeGpioPins: commands,
// subscribe numbers, upcalls (index, pressed, 0) only to apps that enabled that button.
#include "capsules/button/button_driver.h"

#include <gtest/gtest.h>

#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_gpio_pin.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::button::ActivationMode;
using hil::gpio::FloatingState;
using hil::testing::FakeGpioPin;

constexpr uint32_t kDrv = ButtonDriver::kDriverNum;

class ButtonDriverTest : public ::testing::Test {
 protected:
  ButtonDriverTest() { p0.SetInputLevel(true); }  // active-low button released
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }

  FakeGpioPin p0, p1;
  hil::button::ButtonPin pins[2] = {{&p0, ActivationMode::kActiveLow, FloatingState::kPullUp},
                                    {&p1, ActivationMode::kActiveHigh, FloatingState::kPullDown}};
  ScopedHarness h = MakeHarness();
  ButtonDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  StaticButtonDriver<2> driver{grant, pins};
  ProcessId a, b;
};

TEST_F(ButtonDriverTest, ConstructionConfiguresInputsWithPull) {
  EXPECT_EQ(p0.configuration(), hil::gpio::Configuration::kInput);
  EXPECT_EQ(p0.floating_state(), FloatingState::kPullUp);
  EXPECT_EQ(p1.floating_state(), FloatingState::kPullDown);
}

TEST_F(ButtonDriverTest, CommandZeroReturnsCountAsSuccessU32) {
  ExpectSuccessU32(h->Command(a, kDrv, 0, 0, 0), 2);
}

TEST_F(ButtonDriverTest, ReadHonoursActivationMode) {
  ExpectSuccessU32(h->Command(a, kDrv, 3, 0, 0), 0);
  p0.SetInputLevel(false);
  ExpectSuccessU32(h->Command(a, kDrv, 3, 0, 0), 1);
  ExpectSuccessU32(h->Command(a, kDrv, 3, 1, 0), 0);
  p1.SetInputLevel(true);
  ExpectSuccessU32(h->Command(a, kDrv, 3, 1, 0), 1);
}

TEST_F(ButtonDriverTest, BadIndexIsInvalAndUnknownCommandNoSupport) {
  ExpectFailure(h->Command(a, kDrv, 1, 2, 0), ErrorCode::kInval);
  ExpectFailure(h->Command(a, kDrv, 2, 2, 0), ErrorCode::kInval);
  ExpectFailure(h->Command(a, kDrv, 3, 7, 0), ErrorCode::kInval);
  ExpectFailure(h->Command(a, kDrv, 4, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(ButtonDriverTest, SubscribeZeroOkAndOneIsNoSupport) {
  TrapResult ok = h->Subscribe(a, kDrv, 0, kUpcallFn, 7);
  EXPECT_EQ(ok.variant(), kSuccessU32U32);
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 7), ErrorCode::kNoSupport);
}

TEST_F(ButtonDriverTest, PressAndReleaseDeliverUpcallsToEnabledApp) {
  ASSERT_EQ(h->Subscribe(a, kDrv, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  EXPECT_TRUE(p0.interrupts_enabled());
  EXPECT_EQ(p0.edge(), hil::gpio::InterruptEdge::kEitherEdge);
  p0.SetInputLevel(false);  // press
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{0, 1, 0}));
  p0.SetInputLevel(true);  // release
  up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{0, 0, 0}));
}

TEST_F(ButtonDriverTest, OnlyAppsThatEnabledAButtonGetItsUpcalls) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 1, 0));
  p1.SetInputLevel(true);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  auto up = TakeUpcall(*h, b, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{1, 1, 0}));
  p0.SetInputLevel(false);
  EXPECT_FALSE(TakeUpcall(*h, b, kDrv, 0).has_value());
  EXPECT_TRUE(TakeUpcall(*h, a, kDrv, 0).has_value());
}

TEST_F(ButtonDriverTest, InterruptStaysOnUntilLastAppDisables) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 0, 0));
  ExpectSuccess(h->Command(a, kDrv, 2, 0, 0));
  EXPECT_TRUE(p0.interrupts_enabled());
  p0.SetInputLevel(false);
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_TRUE(TakeUpcall(*h, b, kDrv, 0).has_value());
  ExpectSuccess(h->Command(b, kDrv, 2, 0, 0));
  EXPECT_FALSE(p0.interrupts_enabled());
}

TEST(ButtonDriverUnwiredTest, UnwiredButtonIsNoDevice) {
  ScopedHarness h = MakeHarness();
  hil::button::ButtonPin pins[1] = {{nullptr, ActivationMode::kActiveLow, FloatingState::kPullUp}};
  ButtonDriver::GrantType grant(h->kernel, kDrv, h->memory_cap);
  StaticButtonDriver driver(grant, pins);  // pin count deduced, as in the wiring comment
  ASSERT_TRUE(h->Register(kDrv, driver).ok());
  ProcessId app = h->Load(0).value();
  ExpectSuccessU32(h->Command(app, kDrv, 0, 0, 0), 1);
  ExpectFailure(h->Command(app, kDrv, 3, 0, 0), ErrorCode::kNoDevice);
  driver.HandleInterrupt(0);  // ignored, no crash
}

TEST_F(ButtonDriverTest, AllowsAreNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
