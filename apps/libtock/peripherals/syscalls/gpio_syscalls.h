/* GPIO driver (0x4), thin layer: arg0 is the pin index, arg1 the option. */
#ifndef TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GPIO_DRIVER_NUM 0x4

bool libtock_gpio_driver_exists(void);

/* Upcall arguments: (pin, level 0/1, 0). */
returncode_t libtock_gpio_set_upcall(subscribe_upcall callback, void* opaque);

returncode_t libtock_gpio_command_count(uint32_t* count);
returncode_t libtock_gpio_command_enable_output(uint32_t pin);
/* pin_config: 0 no pull, 1 pull-up, 2 pull-down. */
returncode_t libtock_gpio_command_enable_input(uint32_t pin, uint32_t pin_config);
returncode_t libtock_gpio_command_set(uint32_t pin);
returncode_t libtock_gpio_command_clear(uint32_t pin);
returncode_t libtock_gpio_command_toggle(uint32_t pin);
returncode_t libtock_gpio_command_read(uint32_t pin, uint32_t* pin_value);
/* irq_config: 0 either edge, 1 rising, 2 falling. */
returncode_t libtock_gpio_command_enable_interrupt(uint32_t pin, uint32_t irq_config);
returncode_t libtock_gpio_command_disable_interrupt(uint32_t pin);
returncode_t libtock_gpio_command_disable(uint32_t pin);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_
