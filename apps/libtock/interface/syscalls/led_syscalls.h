/* LED driver (0x2), one function per command: 0 count, 1 on, 2 off, 3 toggle. */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_LED_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_LED_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_LED 0x2

/* True if the driver answers and the board has at least one LED. */
bool libtock_led_driver_exists(void);

returncode_t libtock_led_command_count(int* count);
returncode_t libtock_led_command_on(int led_num);
returncode_t libtock_led_command_off(int led_num);
returncode_t libtock_led_command_toggle(int led_num);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_LED_SYSCALLS_H_
