// Button syscall driver (0x3): apps read buttons and get an upcall (index, pressed, 0) on every
// change of a button they enabled (upstream capsules_core::button). Buttons are
// gpio::InterruptPins with an activation mode (hil/button.h). Per-app state (which buttons the
// app listens to) lives in the app's grant. Untrusted capsule; touches only its pins and grant.
//
// Wiring (board, statics):
//   hil::button::ButtonPin pins[] = {{&pin11, ActivationMode::kActiveLow, FloatingState::kPullUp}};
//   ButtonDriver::GrantType button_grant(kernel, ButtonDriver::kDriverNum, mem_cap);
//   StaticButtonDriver buttons(button_grant, pins);      // configures pins as inputs
//   drivers.Register(ButtonDriver::kDriverNum, buttons);
#ifndef TOCKPP_CAPSULES_BUTTON_BUTTON_DRIVER_H_
#define TOCKPP_CAPSULES_BUTTON_BUTTON_DRIVER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/button.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct ButtonApp {
  uint32_t enabled_mask = 0;  // bit i: upcalls for button i
};

class ButtonDriver : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kButton;
  static constexpr size_t kMaxButtons = 32;
  using GrantType = Grant<ButtonApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  // 0: count (SuccessU32, legacy); 1/2: enable/disable upcalls for button arg0;
  // 3: read arg0 (SuccessU32 1 = pressed). Bad index: INVAL. Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  // Interrupt on button `index` (called by the per-pin adapter).
  void HandleInterrupt(uint32_t index);

  // Adapts one pin's InterruptClient to HandleInterrupt(index).
  class PinClient final : public hil::gpio::InterruptClient {
   public:
    void Fired() override { driver_->HandleInterrupt(index_); }

   private:
    friend class ButtonDriver;
    ButtonDriver* driver_ = nullptr;
    uint32_t index_ = 0;
  };

 protected:
  // pins and clients have the same length (<= kMaxButtons); both outlive the driver.
  ButtonDriver(GrantType& grant, std::span<const hil::button::ButtonPin> pins,
               std::span<PinClient> clients);
  ~ButtonDriver() = default;

 private:
  GrantType& grant_;
  std::span<const hil::button::ButtonPin> pins_;
};

namespace internal {
template <size_t N>
struct ButtonClientStorage {
  std::array<ButtonDriver::PinClient, N> clients{};
};
}  // namespace internal

// A ButtonDriver with storage for N buttons (the storage base is constructed first).
template <size_t N>
class StaticButtonDriver final : private internal::ButtonClientStorage<N>, public ButtonDriver {
  static_assert(N > 0 && N <= kMaxButtons);

 public:
  StaticButtonDriver(GrantType& grant, const hil::button::ButtonPin (&pins)[N])
      : ButtonDriver(grant, pins, this->clients) {}
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_BUTTON_BUTTON_DRIVER_H_
