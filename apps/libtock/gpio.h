/* Old flat header, kept for existing apps: forwards to libtock/peripherals/gpio.h and its
 * syscalls layer. New code should include those directly. */
#ifndef TOCKPP_APPS_LIBTOCK_GPIO_H_
#define TOCKPP_APPS_LIBTOCK_GPIO_H_

#include "libtock/peripherals/gpio.h"
#include "libtock/peripherals/syscalls/gpio_syscalls.h"

/* Old tockpp names for upstream's. */
#define DRIVER_NUM_GPIO GPIO_DRIVER_NUM
#define libtock_gpio_set_interrupt_upcall libtock_gpio_set_upcall

#endif /* TOCKPP_APPS_LIBTOCK_GPIO_H_ */
