// RNG syscall driver (0x40001): fills the app's read-write allow 0 with random bytes from a
// hil::entropy::Entropy32 source and calls upcall 0 with (0, bytes_filled, 0)
// (upstream capsules_core::rng::RngDriver). Several apps may wait at once; each batch of
// entropy is shared out in grant order. Untrusted capsule; app memory only via ProcessBuffers.
//
// Wiring (board, statics):
//   RngDriver::GrantType rng_grant(kernel, RngDriver::kDriverNum, mem_cap);
//   RngDriver rng(chip_entropy, rng_grant);
//   drivers.Register(RngDriver::kDriverNum, rng);
#ifndef TOCKPP_CAPSULES_RNG_RNG_DRIVER_H_
#define TOCKPP_CAPSULES_RNG_RNG_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "hil/entropy.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct RngApp {
  uint32_t remaining = 0;  // bytes still wanted
  uint32_t filled = 0;     // bytes written so far into allow 0
};

class RngDriver final : public SyscallDriver, public hil::entropy::Client32 {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kRng;
  using GrantType = Grant<RngApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<1>>;

  RngDriver(hil::entropy::Entropy32& rng, GrantType& grant);

  // 0: exists; 1: request arg0 random bytes into RW allow 0. Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  hil::entropy::Continue EntropyAvailable(hil::entropy::EntropyIterator& entropy,
                                          Result<void> status) override;

 private:
  hil::entropy::Entropy32& rng_;
  GrantType& grant_;
  bool getting_ = false;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_RNG_RNG_DRIVER_H_
