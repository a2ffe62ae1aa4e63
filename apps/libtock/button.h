/* Button driver (0x3): count, read, interrupts, and the state-change upcall. */
#ifndef TOCKPP_APPS_LIBTOCK_BUTTON_H_
#define TOCKPP_APPS_LIBTOCK_BUTTON_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_BUTTON 0x3u

returncode_t libtock_button_count(int* count);
returncode_t libtock_button_read(int button, int* pressed);
returncode_t libtock_button_enable_interrupt(int button);
returncode_t libtock_button_disable_interrupt(int button);
/* Upcall args: (button_index, pressed 0/1, 0). */
returncode_t libtock_button_set_upcall(subscribe_upcall cb, void* userdata);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_BUTTON_H_ */
