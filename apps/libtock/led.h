/* LED driver (0x2): count, on, off, toggle, read. */
#ifndef TOCKPP_APPS_LIBTOCK_LED_H_
#define TOCKPP_APPS_LIBTOCK_LED_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_LED 0x2u

returncode_t libtock_led_count(int* count);
returncode_t libtock_led_on(int led);
returncode_t libtock_led_off(int led);
returncode_t libtock_led_toggle(int led);
returncode_t libtock_led_read(int led, int* on);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_LED_H_ */
