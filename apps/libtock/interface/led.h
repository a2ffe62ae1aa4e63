/* LEDs (0x2): count them and switch one by index (0 .. count-1). */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_LED_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_LED_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

bool libtock_led_exists(void);
returncode_t libtock_led_count(int* count);
returncode_t libtock_led_on(int led_num);
returncode_t libtock_led_off(int led_num);
returncode_t libtock_led_toggle(int led_num);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_LED_H_
