/* Button driver (0x3) wrappers; command 0 is the legacy count (Success with u32). */
#include "libtock/button.h"

returncode_t libtock_button_count(int* count) {
  uint32_t n = 0;
  returncode_t rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_BUTTON, 0, 0, 0), &n);
  *count = (int)n;
  return rc;
}

returncode_t libtock_button_read(int button, int* pressed) {
  uint32_t v = 0;
  returncode_t rc =
      tock_command_return_u32_to_returncode(command(DRIVER_NUM_BUTTON, 3, button, 0), &v);
  *pressed = (int)v;
  return rc;
}

returncode_t libtock_button_enable_interrupt(int button) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_BUTTON, 1, button, 0));
}

returncode_t libtock_button_disable_interrupt(int button) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_BUTTON, 2, button, 0));
}

returncode_t libtock_button_set_upcall(subscribe_upcall cb, void* userdata) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_BUTTON, 0, cb, userdata));
}
