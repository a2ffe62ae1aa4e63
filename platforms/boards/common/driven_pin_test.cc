// DrivenPin: the input follows Drive(), an output reads back its own level, and the client
// hears exactly the enabled edges (none once interrupts are off or the pin is deactivated).
#include "platforms/boards/common/driven_pin.h"

#include <gtest/gtest.h>

namespace tock::boards {
namespace {

using tock::hil::gpio::Configuration;
using tock::hil::gpio::InterruptEdge;

struct Counter : tock::hil::gpio::InterruptClient {
  void Fired() override { ++fired; }
  int fired = 0;
};

TEST(DrivenPinTest, InputFollowsDriveAndOutputReadsBackItsLevel) {
  DrivenPin pin;
  EXPECT_EQ(pin.configuration(), Configuration::kLowPower);
  EXPECT_EQ(pin.MakeInput(), Configuration::kInput);
  EXPECT_FALSE(pin.Read());
  pin.Drive(true);
  EXPECT_TRUE(pin.Read());
  EXPECT_EQ(pin.MakeOutput(), Configuration::kInputOutput);
  pin.Clear();
  EXPECT_FALSE(pin.Read()) << "an output reads the level it drives";
  EXPECT_TRUE(pin.Toggle());
  EXPECT_TRUE(pin.Read());
  EXPECT_EQ(pin.MakeInput(), Configuration::kInput) << "an input stops driving";
  pin.Drive(false);
  EXPECT_FALSE(pin.Read());
}

TEST(DrivenPinTest, OnlyEnabledEdgesFire) {
  DrivenPin pin;
  Counter client;
  pin.SetClient(client);
  pin.MakeInput();
  pin.Drive(true);
  EXPECT_EQ(client.fired, 0) << "interrupts not enabled yet";
  pin.EnableInterrupts(InterruptEdge::kFallingEdge);
  pin.Drive(true);  // no change: no edge
  pin.Drive(false);
  EXPECT_EQ(client.fired, 1);
  pin.Drive(true);
  EXPECT_EQ(client.fired, 1);
  pin.EnableInterrupts(InterruptEdge::kRisingEdge);
  pin.Drive(false);
  pin.Drive(true);
  EXPECT_EQ(client.fired, 2);
  pin.EnableInterrupts(InterruptEdge::kEitherEdge);
  pin.Drive(false);
  pin.Drive(true);
  EXPECT_EQ(client.fired, 4);
  pin.DisableInterrupts();
  pin.Drive(false);
  EXPECT_EQ(client.fired, 4);
  pin.EnableInterrupts(InterruptEdge::kEitherEdge);
  pin.DeactivateToLowPower();
  pin.Drive(true);
  EXPECT_EQ(client.fired, 4) << "deactivation turns interrupts off";
}

}  // namespace
}  // namespace tock::boards
