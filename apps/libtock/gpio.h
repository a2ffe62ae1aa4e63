/* GPIO driver (0x4): pin direction, level, interrupts (arg0 = pin, arg1 = option). */
#ifndef TOCKPP_APPS_LIBTOCK_GPIO_H_
#define TOCKPP_APPS_LIBTOCK_GPIO_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_GPIO 0x4u

typedef enum {
  libtock_pull_none = 0,
  libtock_pull_up = 1,
  libtock_pull_down = 2
} libtock_gpio_input_mode_t;
typedef enum {
  libtock_change = 0,
  libtock_rising_edge = 1,
  libtock_falling_edge = 2,
} libtock_gpio_interrupt_mode_t;

returncode_t libtock_gpio_count(int* count);
returncode_t libtock_gpio_enable_output(uint32_t pin);
returncode_t libtock_gpio_set(uint32_t pin);
returncode_t libtock_gpio_clear(uint32_t pin);
returncode_t libtock_gpio_toggle(uint32_t pin);
returncode_t libtock_gpio_enable_input(uint32_t pin, libtock_gpio_input_mode_t pull);
returncode_t libtock_gpio_read(uint32_t pin, int* value);
returncode_t libtock_gpio_enable_interrupt(uint32_t pin, libtock_gpio_interrupt_mode_t mode);
returncode_t libtock_gpio_disable_interrupt(uint32_t pin);
returncode_t libtock_gpio_disable(uint32_t pin);
/* Upcall args: (pin_index, pin_value, 0). */
returncode_t libtock_gpio_set_interrupt_upcall(subscribe_upcall cb, void* userdata);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_GPIO_H_ */
