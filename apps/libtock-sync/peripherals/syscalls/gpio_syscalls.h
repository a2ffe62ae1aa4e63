/* Blocking GPIO primitive: Yield-WaitFor on the pin interrupt upcall. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_

#include <libtock/peripherals/syscalls/gpio_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks until a GPIO interrupt; *pin = which pin, *value = its level (high = true). */
returncode_t libtocksync_gpio_yield_wait_for(uint32_t* pin, bool* value);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_GPIO_SYSCALLS_H_
