// GPIO syscall driver (0x4): apps configure, drive, read and watch board pins by index
// (upstream capsules_core::gpio). Interrupts go to every app with the grant as upcall
// (pin_index, pin_value, 0). A pin slot may be empty (nullptr): commands on it answer
// NODEVICE. Untrusted capsule; touches only its pins and grant.
//
// Wiring (board, statics):
//   hil::gpio::InterruptPin* gpio_pins[] = {&pin3, nullptr, &pin5};
//   GpioDriver::GrantType gpio_grant(kernel, GpioDriver::kDriverNum, mem_cap);
//   StaticGpioDriver gpio(gpio_grant, gpio_pins);
//   drivers.Register(GpioDriver::kDriverNum, gpio);
#ifndef TOCKPP_CAPSULES_GPIO_GPIO_DRIVER_H_
#define TOCKPP_CAPSULES_GPIO_GPIO_DRIVER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/gpio.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct GpioApp {
  uint8_t unused = 0;
};

class GpioDriver : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kGpio;
  using GrantType = Grant<GpioApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>>;

  // Commands per reference drivers-and-memory.md §6 (arg0 = pin, arg1 = pull / edge).
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void HandleInterrupt(uint32_t index);

  class PinClient final : public hil::gpio::InterruptClient {
   public:
    void Fired() override { driver_->HandleInterrupt(index_); }

   private:
    friend class GpioDriver;
    GpioDriver* driver_ = nullptr;
    uint32_t index_ = 0;
  };

 protected:
  GpioDriver(GrantType& grant, std::span<hil::gpio::InterruptPin* const> pins,
             std::span<PinClient> clients);
  ~GpioDriver() = default;

 private:
  GrantType& grant_;
  std::span<hil::gpio::InterruptPin* const> pins_;
};

namespace internal {
template <size_t N>
struct GpioClientStorage {
  std::array<GpioDriver::PinClient, N> clients{};
};
}  // namespace internal

// A GpioDriver with interrupt adapters for N pin slots.
template <size_t N>
class StaticGpioDriver final : private internal::GpioClientStorage<N>, public GpioDriver {
 public:
  StaticGpioDriver(GrantType& grant, hil::gpio::InterruptPin* const (&pins)[N])
      : GpioDriver(grant, pins, this->clients) {}
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_GPIO_GPIO_DRIVER_H_
