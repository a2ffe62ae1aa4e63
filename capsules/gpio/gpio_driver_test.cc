// GPIO driver through the kernel harness with FakeGpioPins: every command 0..10, bad index,
// empty slot, bad pull/edge, interrupts as upcalls (pin, value, 0) to every app.
#include "capsules/gpio/gpio_driver.h"

#include <gtest/gtest.h>

#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_gpio_pin.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::gpio::Configuration;
using hil::gpio::FloatingState;
using hil::gpio::InterruptEdge;
using hil::testing::FakeGpioPin;

constexpr uint32_t kDrv = GpioDriver::kDriverNum;

class GpioDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  FakeGpioPin p0, p2;
  hil::gpio::InterruptPin* pins[3] = {&p0, nullptr, &p2};
  ScopedHarness h = MakeHarness();
  GpioDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  StaticGpioDriver<3> driver{grant, pins};
  ProcessId a, b;
};

TEST_F(GpioDriverTest, ExistsAndCountsPins) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectSuccessU32(h->Command(a, kDrv, 10, 0, 0), 3);
}

TEST_F(GpioDriverTest, OutputSetClearToggle) {
  ExpectSuccess(h->Command(a, kDrv, 1, 0, 0));
  EXPECT_EQ(p0.configuration(), Configuration::kOutput);
  ExpectSuccess(h->Command(a, kDrv, 2, 0, 0));
  EXPECT_TRUE(p0.driven_level());
  ExpectSuccessU32(h->Command(a, kDrv, 6, 0, 0), 1);
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 0));
  EXPECT_FALSE(p0.driven_level());
  ExpectSuccess(h->Command(a, kDrv, 4, 0, 0));
  EXPECT_TRUE(p0.driven_level());
}

TEST_F(GpioDriverTest, InputWithEachPullAndRead) {
  const FloatingState expected[] = {FloatingState::kPullNone, FloatingState::kPullUp,
                                    FloatingState::kPullDown};
  for (uint32_t pull = 0; pull < 3; ++pull) {
    ExpectSuccess(h->Command(a, kDrv, 5, 2, pull));
    EXPECT_EQ(p2.floating_state(), expected[pull]);
    EXPECT_EQ(p2.configuration(), Configuration::kInput);
  }
  ExpectFailure(h->Command(a, kDrv, 5, 2, 3), ErrorCode::kNoSupport);
  p2.SetInputLevel(true);
  ExpectSuccessU32(h->Command(a, kDrv, 6, 2, 0), 1);
}

TEST_F(GpioDriverTest, BadIndexIsInvalEmptySlotIsNoDevice) {
  for (uint32_t cmd = 1; cmd <= 9; ++cmd) {
    ExpectFailure(h->Command(a, kDrv, cmd, 3, 0), ErrorCode::kInval);
    ExpectFailure(h->Command(a, kDrv, cmd, 1, 0), ErrorCode::kNoDevice);
  }
  ExpectFailure(h->Command(a, kDrv, 11, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(GpioDriverTest, InterruptEdgesAndBadEdge) {
  ExpectSuccess(h->Command(a, kDrv, 5, 0, 0));
  ExpectSuccess(h->Command(a, kDrv, 7, 0, 2));
  EXPECT_TRUE(p0.interrupts_enabled());
  EXPECT_EQ(p0.edge(), InterruptEdge::kFallingEdge);
  ExpectFailure(h->Command(a, kDrv, 7, 0, 3), ErrorCode::kNoSupport);
}

TEST_F(GpioDriverTest, InterruptUpcallGoesToEveryApp) {
  ASSERT_EQ(h->Subscribe(a, kDrv, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(b, kDrv, 0, 0, 0));
  ASSERT_TRUE(driver.AllocateGrant(b).ok());
  ExpectSuccess(h->Command(a, kDrv, 5, 2, 0));
  ExpectSuccess(h->Command(a, kDrv, 7, 2, 0));
  p2.SetInputLevel(true);
  for (ProcessId pid : {a, b}) {
    auto up = TakeUpcall(*h, pid, kDrv, 0);
    ASSERT_TRUE(up.has_value());
    EXPECT_EQ(*up, (std::array<uint32_t, 3>{2, 1, 0}));
  }
}

TEST_F(GpioDriverTest, DisableInterruptAndDeactivate) {
  ExpectSuccess(h->Command(a, kDrv, 5, 0, 0));
  ExpectSuccess(h->Command(a, kDrv, 7, 0, 0));
  ExpectSuccess(h->Command(a, kDrv, 8, 0, 0));
  EXPECT_FALSE(p0.interrupts_enabled());
  EXPECT_FALSE(p0.SetInputLevel(true));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  ExpectSuccess(h->Command(a, kDrv, 1, 2, 0));
  ExpectSuccess(h->Command(a, kDrv, 9, 2, 0));
  EXPECT_EQ(p2.configuration(), Configuration::kLowPower);
}

TEST_F(GpioDriverTest, SubscribeBeyondCountIsNoSupport) {
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 0), ErrorCode::kNoSupport);
}

TEST_F(GpioDriverTest, AllowsAreNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
}

TEST(GpioDriverWiringTest, BoardWiringDeducesThePinCount) {
  ScopedHarness h = MakeHarness();
  FakeGpioPin p0, p1;
  hil::gpio::InterruptPin* pins[] = {&p0, &p1};
  GpioDriver::GrantType grant(h->kernel, kDrv, h->memory_cap);
  StaticGpioDriver gpio(grant, pins);  // as in the header's wiring comment
  ASSERT_TRUE(h->Register(kDrv, gpio).ok());
  ProcessId app = h->Load(0).value();
  ExpectSuccessU32(h->Command(app, kDrv, 10, 0, 0), 2);
}

}  // namespace
}  // namespace tock::capsules
