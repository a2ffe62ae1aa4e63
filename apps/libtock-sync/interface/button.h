/* Buttons (0x3), blocking. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_BUTTON_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_BUTTON_H_

#include <libtock/tock.h>

#include "syscalls/button_syscalls.h"

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_button_exists(void);
returncode_t libtocksync_button_count(int* count);
/* *button_value becomes 1 while button `button_num` is pressed, 0 otherwise. */
returncode_t libtocksync_button_read(int button_num, int* button_value);
/* Enables the button's interrupt and returns at its next press (a release, or a button held
 * down when called, does not count: it waits for a new press). */
returncode_t libtocksync_button_wait_for_press(int button_num);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_BUTTON_H_
