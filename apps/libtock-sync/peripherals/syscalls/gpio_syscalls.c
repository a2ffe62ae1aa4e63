#include "gpio_syscalls.h"

returncode_t libtocksync_gpio_yield_wait_for(uint32_t* pin, bool* value) {
  const yield_waitfor_return_t r = yield_wait_for(GPIO_DRIVER_NUM, 0);
  *pin = r.data0;
  *value = r.data1 == 1;
  return RETURNCODE_SUCCESS;
}
