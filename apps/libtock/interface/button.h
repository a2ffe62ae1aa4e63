/* Buttons (0x3), asynchronous: count, read, and a callback on every press and release. */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_BUTTON_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_BUTTON_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* (result, button index, true if now pressed / false if now released). */
typedef void (*libtock_button_callback)(returncode_t, int, bool);

bool libtock_button_exists(void);
/* *button_value becomes 1 while button `button_num` is pressed, 0 otherwise. */
returncode_t libtock_button_read(int button_num, int* button_value);
returncode_t libtock_button_count(int* count);
/* Enables button `button_num`'s interrupt and makes `cb` the callback for every button whose
 * interrupt is enabled; it runs on presses and on releases. */
returncode_t libtock_button_notify_on_press(int button_num, libtock_button_callback cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_BUTTON_H_
