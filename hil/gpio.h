// GPIO HIL: a digital pin that can be output or input with pull, plus edge interrupts
// (upstream kernel::hil::gpio::{Pin, InterruptPin, Client}). Synchronous except for
// interrupts, which arrive through InterruptClient::Fired. Used by the GPIO, LED and button
// capsules; implemented by chips and the host platform.
#ifndef TOCKPP_HIL_GPIO_H_
#define TOCKPP_HIL_GPIO_H_

#include <cstdint>

namespace tock::hil::gpio {

enum class FloatingState : uint8_t { kPullNone = 0, kPullUp = 1, kPullDown = 2 };
enum class InterruptEdge : uint8_t { kEitherEdge = 0, kRisingEdge = 1, kFallingEdge = 2 };
enum class Configuration : uint8_t {
  kLowPower,  // deactivated
  kInput,
  kOutput,
  kInputOutput,
  kFunction,  // owned by a peripheral
  kOther,
};

class Pin {
 public:
  virtual Configuration MakeOutput() = 0;
  virtual Configuration DisableOutput() = 0;
  virtual Configuration MakeInput() = 0;
  virtual Configuration DisableInput() = 0;
  // Lowest-power state; interrupts are off afterwards.
  virtual void DeactivateToLowPower() = 0;
  virtual Configuration configuration() const = 0;
  virtual void SetFloatingState(FloatingState state) = 0;
  virtual FloatingState floating_state() const = 0;

  virtual void Set() = 0;
  virtual void Clear() = 0;
  // Returns the new output level.
  virtual bool Toggle() = 0;
  // The input level (or the driven level for an output pin).
  virtual bool Read() const = 0;

  void Write(bool high) {
    if (high) {
      Set();
    } else {
      Clear();
    }
  }

 protected:
  ~Pin() = default;
};

class InterruptClient {
 public:
  // An enabled edge was seen on the pin.
  virtual void Fired() = 0;

 protected:
  ~InterruptClient() = default;
};

class InterruptPin : public Pin {
 public:
  virtual void SetClient(InterruptClient& client) = 0;
  virtual void EnableInterrupts(InterruptEdge edge) = 0;
  virtual void DisableInterrupts() = 0;
  virtual bool IsPending() const = 0;

 protected:
  ~InterruptPin() = default;
};

}  // namespace tock::hil::gpio

#endif  // TOCKPP_HIL_GPIO_H_
