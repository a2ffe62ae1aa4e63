/* LED driver (0x2) wrappers; command 0 is the legacy "count" returning Success with u32. */
#include "libtock/led.h"

returncode_t libtock_led_count(int* count) {
  uint32_t n = 0;
  returncode_t rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_LED, 0, 0, 0), &n);
  *count = (int)n;
  return rc;
}

returncode_t libtock_led_on(int led) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 1, led, 0));
}

returncode_t libtock_led_off(int led) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 2, led, 0));
}

returncode_t libtock_led_toggle(int led) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_LED, 3, led, 0));
}

returncode_t libtock_led_read(int led, int* on) {
  uint32_t v = 0;
  returncode_t rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_LED, 4, led, 0), &v);
  *on = (int)v;
  return rc;
}
