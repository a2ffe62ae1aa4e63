/* Button (0x3), blocking primitive: wait (Yield-WaitFor) for the next state-change upcall of a
 * button whose interrupt is enabled.
 */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_

#include <libtock/interface/syscalls/button_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* *button_index gets the button that changed, *pressed whether it is now pressed. */
returncode_t libtocksync_button_yield_wait_for(int* button_index, bool* pressed);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_BUTTON_SYSCALLS_H_
