/* GPIO driver (0x4) wrappers (drivers-and-memory.md §6). */
#include "libtock/gpio.h"

static returncode_t gpio_novalue(uint32_t cmd, uint32_t pin, uint32_t option) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_GPIO, cmd, (int)pin, (int)option));
}

returncode_t libtock_gpio_count(int* count) {
  uint32_t n = 0;
  returncode_t rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_GPIO, 10, 0, 0), &n);
  *count = (int)n;
  return rc;
}

returncode_t libtock_gpio_enable_output(uint32_t pin) { return gpio_novalue(1, pin, 0); }
returncode_t libtock_gpio_set(uint32_t pin) { return gpio_novalue(2, pin, 0); }
returncode_t libtock_gpio_clear(uint32_t pin) { return gpio_novalue(3, pin, 0); }
returncode_t libtock_gpio_toggle(uint32_t pin) { return gpio_novalue(4, pin, 0); }

returncode_t libtock_gpio_enable_input(uint32_t pin, libtock_gpio_input_mode_t pull) {
  return gpio_novalue(5, pin, (uint32_t)pull);
}

returncode_t libtock_gpio_read(uint32_t pin, int* value) {
  uint32_t v = 0;
  returncode_t rc =
      tock_command_return_u32_to_returncode(command(DRIVER_NUM_GPIO, 6, (int)pin, 0), &v);
  *value = (int)v;
  return rc;
}

returncode_t libtock_gpio_enable_interrupt(uint32_t pin, libtock_gpio_interrupt_mode_t mode) {
  return gpio_novalue(7, pin, (uint32_t)mode);
}

returncode_t libtock_gpio_disable_interrupt(uint32_t pin) { return gpio_novalue(8, pin, 0); }
returncode_t libtock_gpio_disable(uint32_t pin) { return gpio_novalue(9, pin, 0); }

returncode_t libtock_gpio_set_interrupt_upcall(subscribe_upcall cb, void* userdata) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_GPIO, 0, cb, userdata));
}
