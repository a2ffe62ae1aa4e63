// HostPin implementation: configuration flags, latch with change reporting, edge detection on
// the externally driven input level.
#include "hostkernel/peripherals/host_pin.h"

namespace tock::hostkernel {

namespace gpio = ::tock::hil::gpio;

gpio::Configuration HostPin::MakeOutput() {
  output_ = true;
  ReportOutput();
  return configuration();
}

gpio::Configuration HostPin::DisableOutput() {
  output_ = false;
  reported_.reset();
  return configuration();
}

gpio::Configuration HostPin::MakeInput() {
  input_ = true;
  return configuration();
}

gpio::Configuration HostPin::DisableInput() {
  input_ = false;
  return configuration();
}

void HostPin::DeactivateToLowPower() {
  output_ = false;
  input_ = false;
  interrupts_enabled_ = false;
  floating_ = gpio::FloatingState::kPullNone;
  reported_.reset();
}

gpio::Configuration HostPin::configuration() const {
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

void HostPin::SetFloatingState(gpio::FloatingState state) {
  bool before = InputLevel();
  floating_ = state;
  MaybeFire(before);
}

bool HostPin::Toggle() {
  SetLatch(!latch_);
  return latch_;
}

bool HostPin::InputLevel() const {
  if (external_.has_value()) {
    return *external_;
  }
  return floating_ == gpio::FloatingState::kPullUp;
}

bool HostPin::Read() const {
  if (output_) {
    return latch_;
  }
  if (input_) {
    return InputLevel();
  }
  return false;
}

void HostPin::EnableInterrupts(gpio::InterruptEdge edge) {
  interrupts_enabled_ = true;
  edge_ = edge;
}

void HostPin::SetLatch(bool level) {
  latch_ = level;
  ReportOutput();
}

void HostPin::ReportOutput() {
  if (!output_ || reported_ == latch_) {
    return;
  }
  reported_ = latch_;
  // Index loop: a listener may add another listener.
  for (size_t i = 0; i < listeners_.size(); ++i) {
    listeners_[i](*this, latch_);
  }
}

bool HostPin::Drive(bool level) {
  bool before = InputLevel();
  external_ = level;
  return MaybeFire(before);
}

bool HostPin::Undrive() {
  bool before = InputLevel();
  external_.reset();
  return MaybeFire(before);
}

bool HostPin::MaybeFire(bool before) {
  bool now = InputLevel();
  if (now == before || !input_ || !interrupts_enabled_ || client_ == nullptr) {
    return false;
  }
  bool match = edge_ == gpio::InterruptEdge::kEitherEdge ||
               (now && edge_ == gpio::InterruptEdge::kRisingEdge) ||
               (!now && edge_ == gpio::InterruptEdge::kFallingEdge);
  if (match) {
    client_->Fired();
  }
  return match;
}

}  // namespace tock::hostkernel
