// RngComponent: the RNG syscall driver (0x40001, capsules/rng) over a 32-bit entropy source,
// with its grant.
//
// Wiring (board, static):
//   RngComponent rng(chip.rng(), kernel, mem_cap);
//   registrar.Add(rng);
#ifndef TOCKPP_CAPSULES_COMPONENTS_RNG_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_RNG_COMPONENT_H_

#include <cstdint>

#include "capsules/rng/rng_driver.h"
#include "hil/entropy.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

class RngComponent {
 public:
  static constexpr uint32_t kDriverNum = RngDriver::kDriverNum;
  static constexpr const char* kName = "RNG";

  RngComponent(hil::entropy::Entropy32& entropy, Kernel& kernel,
               const MemoryAllocationCapability& cap)
      : grant_(kernel, kDriverNum, cap), driver_(entropy, grant_) {}
  RngComponent(const RngComponent&) = delete;
  RngComponent& operator=(const RngComponent&) = delete;

  RngDriver& driver() { return driver_; }

 private:
  RngDriver::GrantType grant_;
  RngDriver driver_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_RNG_COMPONENT_H_
