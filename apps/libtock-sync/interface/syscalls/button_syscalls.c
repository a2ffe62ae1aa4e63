/* The button upcall is (button index, pressed 0/1, 0). */
#include "button_syscalls.h"

returncode_t libtocksync_button_yield_wait_for(int* button_index, bool* pressed) {
  yield_waitfor_return_t change = yield_wait_for(DRIVER_NUM_BUTTON, 0);
  *button_index = (int)change.data0;
  *pressed = change.data1 == 1;
  return RETURNCODE_SUCCESS;
}
