/* LED (0x2) commands. Command 0 answers Success-u32 with the LED count (legacy: no plain
 * "exists" reply); out-of-range indices fail with INVAL.
 */
#include "led_syscalls.h"

bool libtock_led_driver_exists(void) {
  int count = 0;
  return libtock_led_command_count(&count) == RETURNCODE_SUCCESS && count > 0;
}

returncode_t libtock_led_command_count(int* count) {
  uint32_t n = 0;
  int rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_LED, 0, 0, 0), &n);
  if (rc == RETURNCODE_SUCCESS) *count = (int)n;
  return rc;
}

returncode_t libtock_led_command_on(int led_num) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 1, led_num, 0));
}

returncode_t libtock_led_command_off(int led_num) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 2, led_num, 0));
}

returncode_t libtock_led_command_toggle(int led_num) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 3, led_num, 0));
}
