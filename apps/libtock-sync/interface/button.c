/* Buttons, blocking layer: the button driver's commands are synchronous already; waiting for a
 * press consumes state changes (of any enabled button) until `button_num` goes down.
 */
#include "button.h"

#include <libtock/interface/syscalls/button_syscalls.h>

bool libtocksync_button_exists(void) { return libtock_button_driver_exists(); }

returncode_t libtocksync_button_count(int* count) { return libtock_button_command_count(count); }

returncode_t libtocksync_button_read(int button_num, int* button_value) {
  return libtock_button_command_read(button_num, button_value);
}

returncode_t libtocksync_button_wait_for_press(int button_num) {
  returncode_t rc = libtock_button_command_enable_interrupt(button_num);
  if (rc != RETURNCODE_SUCCESS) return rc;
  for (;;) {
    int index = -1;
    bool pressed = false;
    rc = libtocksync_button_yield_wait_for(&index, &pressed);
    if (rc != RETURNCODE_SUCCESS) return rc;
    if (pressed && index == button_num) return RETURNCODE_SUCCESS;
  }
}
