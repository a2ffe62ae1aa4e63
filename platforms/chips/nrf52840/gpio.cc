// nRF52840 GPIO pins.
#include "platforms/chips/nrf52840/gpio.h"

#include "platforms/chips/nrf52840/gpiote.h"

namespace tock::nrf52840 {

using tock::hil::gpio::Configuration;
using tock::hil::gpio::FloatingState;

Configuration GpioPin::MakeOutput() {
  port_->pin_cnf[bit_].Modify(PinCnf::kDirOutput.Set());
  return configuration();
}

Configuration GpioPin::DisableOutput() {
  port_->pin_cnf[bit_].Modify(PinCnf::kDirOutput.Clear());
  return configuration();
}

Configuration GpioPin::MakeInput() {
  port_->pin_cnf[bit_].Modify(PinCnf::kInputDisconnect.Clear());
  return configuration();
}

Configuration GpioPin::DisableInput() {
  port_->pin_cnf[bit_].Modify(PinCnf::kInputDisconnect.Set());
  return configuration();
}

void GpioPin::DeactivateToLowPower() { port_->pin_cnf[bit_].Write(PinCnf::kInputDisconnect.Set()); }

Configuration GpioPin::configuration() const {
  const bool out = port_->pin_cnf[bit_].IsSet(PinCnf::kDirOutput);
  const bool in = !port_->pin_cnf[bit_].IsSet(PinCnf::kInputDisconnect);
  if (out && in) {
    return Configuration::kInputOutput;
  }
  if (out) {
    return Configuration::kOutput;
  }
  if (in) {
    return Configuration::kInput;
  }
  return Configuration::kLowPower;
}

void GpioPin::SetFloatingState(FloatingState state) {
  uint32_t pull = PinCnf::kPullNone;
  if (state == FloatingState::kPullUp) {
    pull = PinCnf::kPullUp;
  }
  if (state == FloatingState::kPullDown) {
    pull = PinCnf::kPullDown;
  }
  port_->pin_cnf[bit_].Modify(PinCnf::kPull.Val(pull));
}

FloatingState GpioPin::floating_state() const {
  switch (port_->pin_cnf[bit_].Read(PinCnf::kPull)) {
    case PinCnf::kPullUp:
      return FloatingState::kPullUp;
    case PinCnf::kPullDown:
      return FloatingState::kPullDown;
    default:
      return FloatingState::kPullNone;
  }
}

void GpioPin::Set() { port_->outset.Set(uint32_t{1} << bit_); }

void GpioPin::Clear() { port_->outclr.Set(uint32_t{1} << bit_); }

bool GpioPin::Toggle() {
  const bool now_high = (port_->out.Get() & (uint32_t{1} << bit_)) == 0;
  if (now_high) {
    Set();
  } else {
    Clear();
  }
  return now_high;
}

bool GpioPin::Read() const { return (port_->in.Get() & (uint32_t{1} << bit_)) != 0; }

Gpiote& GpioPin::gpiote() const { return gpiote_ != nullptr ? *gpiote_ : Gpiote::Get(); }

void GpioPin::EnableInterrupts(tock::hil::gpio::InterruptEdge edge) {
  DisableInterrupts();
  channel_ = static_cast<int8_t>(gpiote().Attach(*this, edge));
}

void GpioPin::DisableInterrupts() {
  if (channel_ >= 0) {
    gpiote().Detach(static_cast<unsigned>(channel_));
  }
  channel_ = -1;
}

bool GpioPin::IsPending() const {
  return channel_ >= 0 && gpiote().IsPending(static_cast<unsigned>(channel_));
}

void GpioPin::HandleEdge() {
  if (client_ != nullptr) {
    client_->Fired();
  }
}

}  // namespace tock::nrf52840
