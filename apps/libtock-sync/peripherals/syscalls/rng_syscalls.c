#include "rng_syscalls.h"

returncode_t libtocksync_rng_yield_wait_for(int* received) {
  const yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_RNG, 0);
  *received = (int)r.data1;
  return RETURNCODE_SUCCESS;
}
