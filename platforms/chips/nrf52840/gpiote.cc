// nRF52840 GPIOTE channel allocation and dispatch.
#include "platforms/chips/nrf52840/gpiote.h"

namespace tock::nrf52840 {

Gpiote& Gpiote::Get() {
  static Gpiote instance{kGpioteBase};
  return instance;
}

int Gpiote::Attach(GpioPin& pin, tock::hil::gpio::InterruptEdge edge) {
  for (unsigned ch = 0; ch < 8; ++ch) {
    if (pins_[ch] != nullptr) {
      continue;
    }
    uint32_t polarity = 3;
    if (edge == tock::hil::gpio::InterruptEdge::kRisingEdge) {
      polarity = 1;
    }
    if (edge == tock::hil::gpio::InterruptEdge::kFallingEdge) {
      polarity = 2;
    }
    pins_[ch] = &pin;
    const unsigned n = pin.pin_number();
    regs_->config[ch].Write(GpioteConfig::kMode.Val(1) + GpioteConfig::kPsel.Val(n % 32) +
                            GpioteConfig::kPort.Val(n / 32) +
                            GpioteConfig::kPolarity.Val(polarity));
    regs_->events_in[ch].Set(0);
    regs_->intenset.Set(uint32_t{1} << ch);
    return static_cast<int>(ch);
  }
  return -1;
}

void Gpiote::Detach(unsigned channel) {
  regs_->intenclr.Set(uint32_t{1} << channel);
  regs_->config[channel].Set(0);
  regs_->events_in[channel].Set(0);
  pins_[channel] = nullptr;
}

bool Gpiote::IsPending(unsigned channel) const {
  return regs_->events_in[channel].IsSet(Event::kGenerated);
}

void Gpiote::HandleInterrupt() {
  for (unsigned ch = 0; ch < 8; ++ch) {
    if (!regs_->events_in[ch].IsSet(Event::kGenerated)) {
      continue;
    }
    regs_->events_in[ch].Set(0);
    if (pins_[ch] != nullptr) {
      pins_[ch]->HandleEdge();
    }
  }
}

}  // namespace tock::nrf52840
