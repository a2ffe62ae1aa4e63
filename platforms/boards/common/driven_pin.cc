// DrivenPin: configuration bookkeeping and edge detection on Drive().
#include "platforms/boards/common/driven_pin.h"

namespace tock::boards {

using tock::hil::gpio::Configuration;

void DrivenPin::Drive(bool high) {
  if (high == input_) {
    return;
  }
  input_ = high;
  if (!interrupts_ || client_ == nullptr) {
    return;
  }
  if (edge_ == InterruptEdge::kEitherEdge || (edge_ == InterruptEdge::kRisingEdge) == high) {
    client_->Fired();
  }
}

Configuration DrivenPin::configuration() const {
  if (input_enabled_ && output_enabled_) {
    return Configuration::kInputOutput;
  }
  if (output_enabled_) {
    return Configuration::kOutput;
  }
  return input_enabled_ ? Configuration::kInput : Configuration::kLowPower;
}

Configuration DrivenPin::MakeOutput() {
  output_enabled_ = true;
  return configuration();
}

Configuration DrivenPin::DisableOutput() {
  output_enabled_ = false;
  return configuration();
}

// As on a real port, an input stops driving the pin.
Configuration DrivenPin::MakeInput() {
  input_enabled_ = true;
  output_enabled_ = false;
  return configuration();
}

Configuration DrivenPin::DisableInput() {
  input_enabled_ = false;
  return configuration();
}

void DrivenPin::DeactivateToLowPower() {
  input_enabled_ = false;
  output_enabled_ = false;
  interrupts_ = false;
}

void DrivenPin::EnableInterrupts(InterruptEdge edge) {
  edge_ = edge;
  interrupts_ = true;
}

}  // namespace tock::boards
