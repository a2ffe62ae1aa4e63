// LED HIL: on/off/toggle/read of one indicator (upstream kernel::hil::led). LedHigh/LedLow
// adapt an output gpio::Pin for active-high / active-low wiring so boards can build LEDs from
// pins without a chip-specific driver.
#ifndef TOCKPP_HIL_LED_H_
#define TOCKPP_HIL_LED_H_

#include "hil/gpio.h"

namespace tock::hil::led {

class Led {
 public:
  // Makes the LED usable (configures the pin) and turns it off.
  virtual void Init() = 0;
  virtual void On() = 0;
  virtual void Off() = 0;
  virtual void Toggle() = 0;
  // True when lit.
  virtual bool Read() const = 0;

 protected:
  ~Led() = default;
};

// Lit when the pin is high.
class LedHigh final : public Led {
 public:
  explicit LedHigh(gpio::Pin& pin) : pin_(pin) {}
  void Init() override {
    pin_.MakeOutput();
    pin_.Clear();
  }
  void On() override { pin_.Set(); }
  void Off() override { pin_.Clear(); }
  void Toggle() override { pin_.Toggle(); }
  bool Read() const override { return pin_.Read(); }

 private:
  gpio::Pin& pin_;
};

// Lit when the pin is low.
class LedLow final : public Led {
 public:
  explicit LedLow(gpio::Pin& pin) : pin_(pin) {}
  void Init() override {
    pin_.MakeOutput();
    pin_.Set();
  }
  void On() override { pin_.Clear(); }
  void Off() override { pin_.Set(); }
  void Toggle() override { pin_.Toggle(); }
  bool Read() const override { return !pin_.Read(); }

 private:
  gpio::Pin& pin_;
};

}  // namespace tock::hil::led

#endif  // TOCKPP_HIL_LED_H_
