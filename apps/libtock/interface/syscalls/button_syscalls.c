/* Button (0x3) system calls. Command 0 answers Success-u32 with the button count. */
#include "button_syscalls.h"

bool libtock_button_driver_exists(void) {
  int count = 0;
  return libtock_button_command_count(&count) == RETURNCODE_SUCCESS && count > 0;
}

returncode_t libtock_button_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_BUTTON, 0, callback, opaque));
}

returncode_t libtock_button_command_count(int* count) {
  uint32_t n = 0;
  int rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_BUTTON, 0, 0, 0), &n);
  if (rc == RETURNCODE_SUCCESS) *count = (int)n;
  return rc;
}

returncode_t libtock_button_command_enable_interrupt(int button_num) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_BUTTON, 1, button_num, 0));
}

returncode_t libtock_button_command_disable_interrupt(int button_num) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_BUTTON, 2, button_num, 0));
}

returncode_t libtock_button_command_read(int button_num, int* button_value) {
  uint32_t v = 0;
  int rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_BUTTON, 3, button_num, 0), &v);
  if (rc == RETURNCODE_SUCCESS) *button_value = (int)v;
  return rc;
}
