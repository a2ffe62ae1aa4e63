#include "temperature_syscalls.h"

returncode_t libtocksync_temperature_yield_wait_for(int* temp) {
  const yield_waitfor_return_t r = yield_wait_for(DRIVER_NUM_TEMPERATURE, 0);
  *temp = (int)r.data0;
  return RETURNCODE_SUCCESS;
}
