/* GPIO pins: direction, level and edge interrupts reported to one callback per app. */
#ifndef TOCKPP_APPS_LIBTOCK_PERIPHERALS_GPIO_H_
#define TOCKPP_APPS_LIBTOCK_PERIPHERALS_GPIO_H_

#include "../tock.h"
#include "gpio_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called with (pin, level high?) for each enabled edge. */
typedef void (*libtock_gpio_callback_interrupt)(uint32_t, bool);

bool libtock_gpio_exists(void);
returncode_t libtock_gpio_count(int* count);
returncode_t libtock_gpio_set_interrupt_callback(libtock_gpio_callback_interrupt cb);
returncode_t libtock_gpio_enable_input(uint32_t pin, libtock_gpio_input_mode_t pin_config);
returncode_t libtock_gpio_enable_output(uint32_t pin);
returncode_t libtock_gpio_set(uint32_t pin);
returncode_t libtock_gpio_clear(uint32_t pin);
returncode_t libtock_gpio_toggle(uint32_t pin);
returncode_t libtock_gpio_read(uint32_t pin, int* pin_value);
returncode_t libtock_gpio_enable_interrupt(uint32_t pin, libtock_gpio_interrupt_mode_t irq_config);
returncode_t libtock_gpio_disable_interrupt(uint32_t pin);
returncode_t libtock_gpio_disable(uint32_t pin);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_PERIPHERALS_GPIO_H_
