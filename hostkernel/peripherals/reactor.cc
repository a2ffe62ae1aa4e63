// MonotonicNowNs: the one place host peripherals read CLOCK_MONOTONIC.
#include "hostkernel/peripherals/reactor.h"

#include <time.h>

namespace tock::hostkernel {

uint64_t MonotonicNowNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace tock::hostkernel
