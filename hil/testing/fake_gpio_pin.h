// FakeGpioPin: a hil::gpio::InterruptPin for tests. The test drives the external input level
// with SetInputLevel(), which fires the client when an enabled edge occurs; the driven level
// and configuration are observable.
#ifndef TOCKPP_HIL_TESTING_FAKE_GPIO_PIN_H_
#define TOCKPP_HIL_TESTING_FAKE_GPIO_PIN_H_

#include <cstdint>

#include "hil/gpio.h"

namespace tock::hil::testing {

class FakeGpioPin final : public gpio::InterruptPin {
 public:
  gpio::Configuration MakeOutput() override { return Configure(true, input_); }
  gpio::Configuration DisableOutput() override { return Configure(false, input_); }
  gpio::Configuration MakeInput() override { return Configure(output_, true); }
  gpio::Configuration DisableInput() override { return Configure(output_, false); }
  void DeactivateToLowPower() override {
    output_ = input_ = false;
    interrupts_enabled_ = false;
    floating_ = gpio::FloatingState::kPullNone;
  }
  gpio::Configuration configuration() const override {
    if (output_ && input_) {
      return gpio::Configuration::kInputOutput;
    }
    if (output_) {
      return gpio::Configuration::kOutput;
    }
    if (input_) {
      return gpio::Configuration::kInput;
    }
    return gpio::Configuration::kLowPower;
  }
  void SetFloatingState(gpio::FloatingState state) override { floating_ = state; }
  gpio::FloatingState floating_state() const override { return floating_; }

  void Set() override { driven_ = true; }
  void Clear() override { driven_ = false; }
  bool Toggle() override {
    driven_ = !driven_;
    return driven_;
  }
  bool Read() const override { return output_ ? driven_ : input_level_; }

  void SetClient(gpio::InterruptClient& client) override { client_ = &client; }
  void EnableInterrupts(gpio::InterruptEdge edge) override {
    interrupts_enabled_ = true;
    edge_ = edge;
  }
  void DisableInterrupts() override { interrupts_enabled_ = false; }
  bool IsPending() const override { return false; }

  // --- test controls ---
  bool driven_level() const { return driven_; }
  bool interrupts_enabled() const { return interrupts_enabled_; }
  gpio::InterruptEdge edge() const { return edge_; }
  // Changes the external level; fires the client on an enabled matching edge (only when the
  // pin is an input). Returns true if the client was called.
  bool SetInputLevel(bool high) {
    bool old = input_level_;
    input_level_ = high;
    if (old == high || !interrupts_enabled_ || !input_ || client_ == nullptr) {
      return false;
    }
    bool match = edge_ == gpio::InterruptEdge::kEitherEdge ||
                 (high && edge_ == gpio::InterruptEdge::kRisingEdge) ||
                 (!high && edge_ == gpio::InterruptEdge::kFallingEdge);
    if (match) {
      client_->Fired();
    }
    return match;
  }

 private:
  gpio::Configuration Configure(bool output, bool input) {
    output_ = output;
    input_ = input;
    return configuration();
  }

  bool output_ = false;
  bool input_ = false;
  bool driven_ = false;
  bool input_level_ = false;
  bool interrupts_enabled_ = false;
  gpio::InterruptEdge edge_ = gpio::InterruptEdge::kEitherEdge;
  gpio::FloatingState floating_ = gpio::FloatingState::kPullNone;
  gpio::InterruptClient* client_ = nullptr;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_GPIO_PIN_H_
