/* Button (0x3), blocking primitive: wait (Yield-WaitFor) for the next state-change upcall of a
 * button whose interrupt is enabled.
 */
#pragma once

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
