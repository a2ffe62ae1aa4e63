// GpioPin and Gpiote against register-level models of a GPIO port (nRF52840 PS §6.9: OUTSET /
// OUTCLR change OUT, IN shows the pad, PIN_CNF resets to 0x2 = input buffer disconnected) and
// GPIOTE (§6.10: a channel in event mode sets EVENTS_IN[n] on its pin's configured edge).
#include "platforms/chips/nrf52840/gpio.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "platforms/chips/nrf52840/gpiote.h"
#include "platforms/chips/nrf52840/nrf_fake.h"

namespace tock::nrf52840 {
namespace {

using tock::hil::gpio::Configuration;
using tock::hil::gpio::FloatingState;
using tock::hil::gpio::InterruptEdge;

constexpr size_t kOut = offsetof(GpioPortRegisters, out);
constexpr size_t kOutSet = offsetof(GpioPortRegisters, outset);
constexpr size_t kOutClr = offsetof(GpioPortRegisters, outclr);
constexpr size_t kIn = offsetof(GpioPortRegisters, in);
constexpr size_t kPinCnf = offsetof(GpioPortRegisters, pin_cnf);
constexpr size_t kConfig = offsetof(GpioteRegisters, config);

class FakePort : public chips::testing::FakeBlock<GpioPortRegisters> {
 public:
  FakePort() {
    for (size_t i = 0; i < 32; ++i) {
      Poke(kPinCnf + 4 * i, 0x2);
    }
  }
  void SetInput(unsigned bit, bool high) {
    Poke(kIn, high ? Peek(kIn) | (1u << bit) : Peek(kIn) & ~(1u << bit));
  }
  uint32_t pin_cnf(unsigned bit) const { return Peek(kPinCnf + size_t{4} * bit); }

 protected:
  void Write(size_t offset, uint32_t value) override {
    if (offset == kOutSet) {
      Poke(kOut, Peek(kOut) | value);
    } else if (offset == kOutClr) {
      Poke(kOut, Peek(kOut) & ~value);
    } else {
      Poke(offset, value);
    }
  }
};

class FakeGpiote : public testing::NrfPeripheralFake<GpioteRegisters> {
 public:
  // Pin `pin` (0..47) changes level.
  void Edge(unsigned pin, bool rising) {
    for (unsigned ch = 0; ch < 8; ++ch) {
      const uint32_t cfg = Peek(kConfig + size_t{4} * ch);
      const unsigned mode = cfg & 3u, psel = (cfg >> 8) & 0x3Fu, polarity = (cfg >> 16) & 3u;
      if (mode == 1 && psel == pin && (polarity == 3 || polarity == (rising ? 1u : 2u))) {
        RaiseEvent(offsetof(GpioteRegisters, events_in) + size_t{4} * ch);
      }
    }
  }
};

struct Counter : tock::hil::gpio::InterruptClient {
  void Fired() override { ++fired; }
  int fired = 0;
};

class GpioTest : public ::testing::Test {
 protected:
  void Service() {
    if (gpiote_fake_.irq()) {
      gpiote_.HandleInterrupt();
    }
    EXPECT_FALSE(gpiote_fake_.irq());
  }

  FakePort p0_;
  FakePort p1_;
  FakeGpiote gpiote_fake_;
  Gpiote gpiote_{gpiote_fake_.base()};
};

TEST_F(GpioTest, OutputSetClearToggleTouchOnlyTheOwnBit) {
  GpioPin led(13, p0_.base(), &gpiote_);
  EXPECT_EQ(led.configuration(), Configuration::kLowPower);  // reset state
  EXPECT_EQ(led.MakeOutput(), Configuration::kOutput);
  p0_.Poke(kOut, 0x1);
  led.Set();
  EXPECT_EQ(p0_.Peek(kOut), 0x1u | (1u << 13));
  EXPECT_FALSE(led.Toggle());
  EXPECT_EQ(p0_.Peek(kOut), 0x1u);
  EXPECT_TRUE(led.Toggle());
  led.Clear();
  EXPECT_EQ(p0_.Peek(kOut), 0x1u);
  EXPECT_EQ(p0_.StoreCount(kOut), 0u);  // OUTSET / OUTCLR, never read-modify-write of OUT
}

TEST_F(GpioTest, InputPullAndConfigurationFollowPinCnf) {
  GpioPin button(43, p1_.base(), &gpiote_);  // P1.11
  EXPECT_EQ(button.MakeInput(), Configuration::kInput);
  button.SetFloatingState(FloatingState::kPullUp);
  EXPECT_EQ(p1_.pin_cnf(11), 3u << 2);
  EXPECT_EQ(button.floating_state(), FloatingState::kPullUp);
  button.SetFloatingState(FloatingState::kPullDown);
  EXPECT_EQ(p1_.pin_cnf(11), 1u << 2);
  EXPECT_EQ(button.floating_state(), FloatingState::kPullDown);
  p1_.SetInput(11, true);
  EXPECT_TRUE(button.Read());
  p1_.SetInput(11, false);
  EXPECT_FALSE(button.Read());
  EXPECT_EQ(button.MakeOutput(), Configuration::kInputOutput);
  EXPECT_EQ(button.DisableInput(), Configuration::kOutput);
  EXPECT_EQ(button.DisableOutput(), Configuration::kLowPower);
  button.DeactivateToLowPower();
  EXPECT_EQ(p1_.pin_cnf(11), 0x2u);
  EXPECT_EQ(p0_.stores(), 0u);  // a P1 pin never touches P0
}

TEST_F(GpioTest, EdgesReachTheClientThroughAGpioteChannel) {
  GpioPin pin(40, p1_.base(), &gpiote_);  // P1.08
  Counter client;
  pin.SetClient(client);
  pin.MakeInput();
  pin.EnableInterrupts(InterruptEdge::kRisingEdge);
  const uint32_t cfg = gpiote_fake_.Peek(kConfig);
  EXPECT_EQ(cfg & 3u, 1u);            // event mode
  EXPECT_EQ((cfg >> 8) & 0x1Fu, 8u);  // PSEL
  EXPECT_EQ((cfg >> 13) & 1u, 1u);    // PORT 1
  EXPECT_EQ((cfg >> 16) & 3u, 1u);    // LoToHi
  EXPECT_EQ(gpiote_fake_.inten(), 1u);
  gpiote_fake_.Edge(40, false);
  Service();
  EXPECT_EQ(client.fired, 0);
  gpiote_fake_.Edge(40, true);
  EXPECT_TRUE(pin.IsPending());
  Service();
  EXPECT_EQ(client.fired, 1);
  EXPECT_FALSE(pin.IsPending());
  pin.DisableInterrupts();
  EXPECT_EQ(gpiote_fake_.inten(), 0u);
  EXPECT_EQ(gpiote_fake_.Peek(kConfig), 0u);
  gpiote_fake_.Edge(40, true);
  Service();
  EXPECT_EQ(client.fired, 1);
}

TEST_F(GpioTest, EightChannelsThenANinthPinStaysSilent) {
  GpioPin pins[] = {GpioPin(0, p0_.base(), &gpiote_), GpioPin(1, p0_.base(), &gpiote_),
                    GpioPin(2, p0_.base(), &gpiote_), GpioPin(3, p0_.base(), &gpiote_),
                    GpioPin(4, p0_.base(), &gpiote_), GpioPin(5, p0_.base(), &gpiote_),
                    GpioPin(6, p0_.base(), &gpiote_), GpioPin(7, p0_.base(), &gpiote_),
                    GpioPin(8, p0_.base(), &gpiote_)};
  Counter clients[9];
  for (unsigned i = 0; i < 9; ++i) {
    pins[i].SetClient(clients[i]);
    pins[i].EnableInterrupts(InterruptEdge::kEitherEdge);
  }
  EXPECT_EQ(gpiote_fake_.inten(), 0xFFu);
  for (unsigned i = 0; i < 9; ++i) {
    gpiote_fake_.Edge(i, i % 2 == 0);
  }
  Service();
  for (unsigned i = 0; i < 8; ++i) {
    EXPECT_EQ(clients[i].fired, 1) << i;
  }
  EXPECT_EQ(clients[8].fired, 0);
  // Freeing a channel lets the ninth pin have it.
  pins[3].DisableInterrupts();
  pins[8].EnableInterrupts(InterruptEdge::kFallingEdge);
  gpiote_fake_.Edge(8, false);
  gpiote_fake_.Edge(3, false);
  Service();
  EXPECT_EQ(clients[8].fired, 1);
  EXPECT_EQ(clients[3].fired, 1);
}

}  // namespace
}  // namespace tock::nrf52840
