#include "gpio_syscalls.h"

enum {
  GPIO_CMD_ENABLE_OUTPUT = 1,
  GPIO_CMD_SET = 2,
  GPIO_CMD_CLEAR = 3,
  GPIO_CMD_TOGGLE = 4,
  GPIO_CMD_ENABLE_INPUT = 5,
  GPIO_CMD_READ = 6,
  GPIO_CMD_ENABLE_INTERRUPT = 7,
  GPIO_CMD_DISABLE_INTERRUPT = 8,
  GPIO_CMD_DISABLE = 9,
  GPIO_CMD_COUNT = 10,
};

static returncode_t gpio_plain(uint32_t cmd, uint32_t pin, uint32_t option) {
  return tock_command_return_novalue_to_returncode(
      command(GPIO_DRIVER_NUM, cmd, (int)pin, (int)option));
}

bool libtock_gpio_driver_exists(void) { return driver_exists(GPIO_DRIVER_NUM); }

returncode_t libtock_gpio_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(GPIO_DRIVER_NUM, 0, callback, opaque));
}

returncode_t libtock_gpio_command_count(uint32_t* count) {
  return tock_command_return_u32_to_returncode(command(GPIO_DRIVER_NUM, GPIO_CMD_COUNT, 0, 0),
                                               count);
}

returncode_t libtock_gpio_command_enable_output(uint32_t pin) {
  return gpio_plain(GPIO_CMD_ENABLE_OUTPUT, pin, 0);
}

returncode_t libtock_gpio_command_enable_input(uint32_t pin, uint32_t pin_config) {
  return gpio_plain(GPIO_CMD_ENABLE_INPUT, pin, pin_config);
}

returncode_t libtock_gpio_command_set(uint32_t pin) { return gpio_plain(GPIO_CMD_SET, pin, 0); }

returncode_t libtock_gpio_command_clear(uint32_t pin) { return gpio_plain(GPIO_CMD_CLEAR, pin, 0); }

returncode_t libtock_gpio_command_toggle(uint32_t pin) {
  return gpio_plain(GPIO_CMD_TOGGLE, pin, 0);
}

returncode_t libtock_gpio_command_read(uint32_t pin, uint32_t* pin_value) {
  return tock_command_return_u32_to_returncode(command(GPIO_DRIVER_NUM, GPIO_CMD_READ, (int)pin, 0),
                                               pin_value);
}

returncode_t libtock_gpio_command_enable_interrupt(uint32_t pin, uint32_t irq_config) {
  return gpio_plain(GPIO_CMD_ENABLE_INTERRUPT, pin, irq_config);
}

returncode_t libtock_gpio_command_disable_interrupt(uint32_t pin) {
  return gpio_plain(GPIO_CMD_DISABLE_INTERRUPT, pin, 0);
}

returncode_t libtock_gpio_command_disable(uint32_t pin) {
  return gpio_plain(GPIO_CMD_DISABLE, pin, 0);
}
