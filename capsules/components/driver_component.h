// DriverComponent<Capsule>: the component of every capsule shaped like a simple sensor driver,
// so such a capsule needs no component file of its own. The capsule provides
//   static constexpr uint32_t kDriverNum;       // its upstream number (capsules/driver_numbers.h)
//   static constexpr const char* kName;          // optional: named in wiring errors
//   using GrantType = Grant<...>;
//   Capsule(Hil& hil, GrantType& grant);         // any HIL object
// and the component owns the grant and the capsule, built from (hil, kernel, memory capability)
// like every other component (README.md).
//
// Wiring (board, static):
//   DriverComponent<TemperatureDriver> temperature(chip.temperature(), kernel, mem_cap);
//   registrar.Add(temperature);
#ifndef TOCKPP_CAPSULES_COMPONENTS_DRIVER_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_DRIVER_COMPONENT_H_

#include <concepts>
#include <cstdint>

#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

// What DriverComponent needs of a capsule (the constructor is checked where it is called).
template <typename Capsule>
concept SimpleDriver = requires {
  { Capsule::kDriverNum } -> std::convertible_to<uint32_t>;
  typename Capsule::GrantType;
};

template <SimpleDriver Capsule>
class DriverComponent {
 public:
  static constexpr uint32_t kDriverNum = Capsule::kDriverNum;
  static constexpr const char* kName = [] {
    if constexpr (requires { Capsule::kName; }) {
      return Capsule::kName;
    } else {
      return static_cast<const char*>(nullptr);
    }
  }();

  template <typename Hil>
  DriverComponent(Hil& hil, Kernel& kernel, const MemoryAllocationCapability& cap)
      : grant_(kernel, kDriverNum, cap), driver_(hil, grant_) {}
  DriverComponent(const DriverComponent&) = delete;
  DriverComponent& operator=(const DriverComponent&) = delete;

  Capsule& driver() { return driver_; }

 private:
  typename Capsule::GrantType grant_;
  Capsule driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_DRIVER_COMPONENT_H_
