#include "gpio.h"

#include <libtock/peripherals/gpio.h>

#include "syscalls/gpio_syscalls.h"

static returncode_t wait_for_edge(uint32_t pin, libtock_gpio_input_mode_t pin_config,
                                  libtock_gpio_interrupt_mode_t edge) {
  returncode_t rc = libtock_gpio_command_enable_input(pin, (uint32_t)pin_config);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_gpio_command_enable_interrupt(pin, (uint32_t)edge);
  if (rc != RETURNCODE_SUCCESS) return rc;
  for (;;) {
    uint32_t fired_pin = 0;
    bool high = false;
    (void)libtocksync_gpio_yield_wait_for(&fired_pin, &high);
    if (fired_pin != pin) continue;  // another pin's interrupt: keep waiting
    if (edge == libtock_change || (edge == libtock_rising_edge) == high) break;
  }
  return RETURNCODE_SUCCESS;
}

bool libtocksync_gpio_exists(void) { return libtock_gpio_driver_exists(); }

returncode_t libtocksync_gpio_count(int* count) { return libtock_gpio_count(count); }

returncode_t libtocksync_gpio_enable_output(uint32_t pin) {
  return libtock_gpio_enable_output(pin);
}

returncode_t libtocksync_gpio_enable_input(uint32_t pin, libtock_gpio_input_mode_t pin_config) {
  return libtock_gpio_enable_input(pin, pin_config);
}

returncode_t libtocksync_gpio_set(uint32_t pin) { return libtock_gpio_set(pin); }

returncode_t libtocksync_gpio_clear(uint32_t pin) { return libtock_gpio_clear(pin); }

returncode_t libtocksync_gpio_toggle(uint32_t pin) { return libtock_gpio_toggle(pin); }

returncode_t libtocksync_gpio_read(uint32_t pin, int* pin_value) {
  return libtock_gpio_read(pin, pin_value);
}

returncode_t libtocksync_gpio_wait_until_high(uint32_t pin, libtock_gpio_input_mode_t pin_config) {
  return wait_for_edge(pin, pin_config, libtock_rising_edge);
}

returncode_t libtocksync_gpio_wait_until_low(uint32_t pin, libtock_gpio_input_mode_t pin_config) {
  return wait_for_edge(pin, pin_config, libtock_falling_edge);
}

returncode_t libtocksync_gpio_wait_until_changed(uint32_t pin,
                                                 libtock_gpio_input_mode_t pin_config) {
  return wait_for_edge(pin, pin_config, libtock_change);
}
