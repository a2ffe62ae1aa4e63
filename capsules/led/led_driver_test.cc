// LED driver commands against FakeLeds: count, on/off/toggle/read, bad index, unknown command.
#include "capsules/led/led_driver.h"

#include <gtest/gtest.h>

#include "hil/testing/fake_led.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeLed;

class LedDriverTest : public ::testing::Test {
 protected:
  FakeLed l0, l1, l2;
  hil::led::Led* leds[3] = {&l0, &l1, &l2};
  LedDriver driver{leds};
  ProcessId app{0, 1};
  ProcessId other{1, 2};
};

TEST_F(LedDriverTest, ConstructionInitializesEveryLedOff) {
  EXPECT_TRUE(l0.initialized() && l1.initialized() && l2.initialized());
  EXPECT_FALSE(l0.Read());
}

TEST_F(LedDriverTest, CommandZeroReturnsCountAsSuccessU32) {
  EXPECT_EQ(driver.Command(0, 0, 0, app), CommandReturn::SuccessU32(3));
}

TEST_F(LedDriverTest, OnOffToggleAndRead) {
  EXPECT_EQ(driver.Command(1, 1, 0, app), CommandReturn::Success());
  EXPECT_TRUE(l1.Read());
  EXPECT_EQ(driver.Command(4, 1, 0, app), CommandReturn::SuccessU32(1));
  EXPECT_EQ(driver.Command(2, 1, 0, app), CommandReturn::Success());
  EXPECT_FALSE(l1.Read());
  EXPECT_EQ(driver.Command(3, 2, 0, app), CommandReturn::Success());
  EXPECT_TRUE(l2.Read());
  EXPECT_EQ(driver.Command(4, 2, 0, app), CommandReturn::SuccessU32(1));
  EXPECT_EQ(driver.Command(4, 0, 0, app), CommandReturn::SuccessU32(0));
}

TEST_F(LedDriverTest, TwoAppsShareTheSameLeds) {
  EXPECT_EQ(driver.Command(1, 0, 0, app), CommandReturn::Success());
  EXPECT_EQ(driver.Command(4, 0, 0, other), CommandReturn::SuccessU32(1));
  EXPECT_EQ(driver.Command(3, 0, 0, other), CommandReturn::Success());
  EXPECT_FALSE(l0.Read());
}

TEST_F(LedDriverTest, IndexOutOfRangeIsInval) {
  for (uint32_t cmd = 1; cmd <= 4; ++cmd) {
    EXPECT_EQ(driver.Command(cmd, 3, 0, app), CommandReturn::Failure(ErrorCode::kInval)) << cmd;
  }
}

TEST_F(LedDriverTest, UnknownCommandIsNoSupport) {
  EXPECT_EQ(driver.Command(5, 0, 0, app), CommandReturn::Failure(ErrorCode::kNoSupport));
  EXPECT_EQ(driver.Command(99, 0, 0, app), CommandReturn::Failure(ErrorCode::kNoSupport));
}

}  // namespace
}  // namespace tock::capsules
