// Fuzz target: the RNG driver (0x40001) on the fake entropy source; the harness delivers
// batches of words in between the apps' requests, swaps and restarts.
#include "capsules/rng/rng_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::RngDriver;

struct RngBoard {
  explicit RngBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), RngDriver::kDriverNum, h.memory_cap()), rng(h.entropy(), grant) {
    h.Register(RngDriver::kDriverNum, rng);
  }
  RngDriver::GrantType grant;
  RngDriver rng;
};

}  // namespace

TOCK_FUZZ_BOARD(RngBoard)
