/* Button driver (0x3), one function per system call: commands 0 count, 1/2 enable/disable the
 * interrupt of one button, 3 read; subscribe 0 (state change: button index, pressed 0/1, 0).
 */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_BUTTON 0x3

/* True if the driver answers and the board has at least one button. */
bool libtock_button_driver_exists(void);

returncode_t libtock_button_set_upcall(subscribe_upcall callback, void* opaque);
returncode_t libtock_button_command_count(int* count);
returncode_t libtock_button_command_enable_interrupt(int button_num);
returncode_t libtock_button_command_disable_interrupt(int button_num);
/* *button_value becomes 1 while the button is pressed, 0 otherwise. */
returncode_t libtock_button_command_read(int button_num, int* button_value);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_
