// FakeLed: a hil::led::Led for tests that records its state and how often it changed.
#ifndef TOCKPP_HIL_TESTING_FAKE_LED_H_
#define TOCKPP_HIL_TESTING_FAKE_LED_H_

#include <cstdint>

#include "hil/led.h"

namespace tock::hil::testing {

class FakeLed final : public led::Led {
 public:
  void Init() override {
    initialized_ = true;
    on_ = false;
  }
  void On() override { Change(true); }
  void Off() override { Change(false); }
  void Toggle() override { Change(!on_); }
  bool Read() const override { return on_; }

  bool initialized() const { return initialized_; }
  uint32_t changes() const { return changes_; }

 private:
  void Change(bool on) {
    if (on != on_) {
      ++changes_;
    }
    on_ = on;
  }
  bool on_ = false;
  bool initialized_ = false;
  uint32_t changes_ = 0;
};

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_LED_H_
