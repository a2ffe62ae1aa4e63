/* Blocking GPIO: the plain pin operations plus waiting for a level change. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_GPIO_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_GPIO_H_

#include <libtock/peripherals/gpio_types.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_gpio_exists(void);
returncode_t libtocksync_gpio_count(int* count);
returncode_t libtocksync_gpio_enable_output(uint32_t pin);
returncode_t libtocksync_gpio_enable_input(uint32_t pin, libtock_gpio_input_mode_t pin_config);
returncode_t libtocksync_gpio_set(uint32_t pin);
returncode_t libtocksync_gpio_clear(uint32_t pin);
returncode_t libtocksync_gpio_toggle(uint32_t pin);
returncode_t libtocksync_gpio_read(uint32_t pin, int* pin_value);
/* Make `pin` an input (with `pin_config`) and block until it rises / falls / changes. */
returncode_t libtocksync_gpio_wait_until_high(uint32_t pin, libtock_gpio_input_mode_t pin_config);
returncode_t libtocksync_gpio_wait_until_low(uint32_t pin, libtock_gpio_input_mode_t pin_config);
returncode_t libtocksync_gpio_wait_until_changed(uint32_t pin,
                                                 libtock_gpio_input_mode_t pin_config);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_GPIO_H_
