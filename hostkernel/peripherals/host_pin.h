// HostPin: a hil::gpio::InterruptPin for tockd. The output latch is observable (listeners are
// told of every change of the level an output pin drives: LED logging, control-socket events);
// the input side is driven from outside with Drive()/Undrive() (control socket, tests), which
// fires the interrupt client on an enabled edge. Host-only; runs on the loop thread.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_PIN_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_PIN_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hil/gpio.h"

namespace tock::hostkernel {

class HostPin final : public ::tock::hil::gpio::InterruptPin {
 public:
  // Called with the pin and its new output level.
  using OutputListener = std::function<void(const HostPin& pin, bool level)>;

  explicit HostPin(std::string name, size_t index = 0) : name_(std::move(name)), index_(index) {}
  HostPin(const HostPin&) = delete;
  HostPin& operator=(const HostPin&) = delete;

  // --- hil::gpio::Pin ---
  ::tock::hil::gpio::Configuration MakeOutput() override;
  ::tock::hil::gpio::Configuration DisableOutput() override;
  ::tock::hil::gpio::Configuration MakeInput() override;
  ::tock::hil::gpio::Configuration DisableInput() override;
  void DeactivateToLowPower() override;
  ::tock::hil::gpio::Configuration configuration() const override;
  void SetFloatingState(::tock::hil::gpio::FloatingState state) override;
  ::tock::hil::gpio::FloatingState floating_state() const override { return floating_; }
  void Set() override { SetLatch(true); }
  void Clear() override { SetLatch(false); }
  bool Toggle() override;
  // Output pin: the latch. Input pin: the external level, or the pull when undriven (pull-up
  // reads high, pull-down / none read low). Neither: low.
  bool Read() const override;

  // --- hil::gpio::InterruptPin ---
  void SetClient(::tock::hil::gpio::InterruptClient& client) override { client_ = &client; }
  void EnableInterrupts(::tock::hil::gpio::InterruptEdge edge) override;
  void DisableInterrupts() override { interrupts_enabled_ = false; }
  // Edges are delivered synchronously from Drive(), so nothing is ever left pending.
  bool IsPending() const override { return false; }

  // --- host side ---
  const std::string& name() const { return name_; }
  size_t index() const { return index_; }
  void AddOutputListener(OutputListener listener) { listeners_.push_back(std::move(listener)); }

  // Drives the external input level. If the pin is an input with interrupts enabled and the
  // level it reads changes along the enabled edge, InterruptClient::Fired() is called before
  // Drive returns. Returns true if the client was called.
  bool Drive(bool level);
  // Stops driving: the input floats to its pull.
  bool Undrive();
  std::optional<bool> external_level() const { return external_; }

  bool output_enabled() const { return output_; }
  bool input_enabled() const { return input_; }
  bool interrupts_enabled() const { return interrupts_enabled_; }
  ::tock::hil::gpio::InterruptEdge edge() const { return edge_; }
  // The level the pin drives (meaningful when output_enabled()).
  bool latch() const { return latch_; }

 private:
  bool InputLevel() const;
  void SetLatch(bool level);
  // Notifies listeners if the observable output (output enabled, latch) changed.
  void ReportOutput();
  // Fires the client if the input level moved from `before` along the enabled edge.
  bool MaybeFire(bool before);

  std::string name_;
  size_t index_;
  bool output_ = false;
  bool input_ = false;
  bool latch_ = false;
  std::optional<bool> external_;
  std::optional<bool> reported_;  // last output level told to listeners
  bool interrupts_enabled_ = false;
  ::tock::hil::gpio::InterruptEdge edge_ = ::tock::hil::gpio::InterruptEdge::kEitherEdge;
  ::tock::hil::gpio::FloatingState floating_ = ::tock::hil::gpio::FloatingState::kPullNone;
  ::tock::hil::gpio::InterruptClient* client_ = nullptr;
  std::vector<OutputListener> listeners_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_PIN_H_
