/* Console (0x1), asynchronous: start a write or read; a callback reports its end. */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_CONSOLE_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_CONSOLE_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write finished: (RETURNCODE_SUCCESS, number of bytes sent). */
typedef void (*libtock_console_callback_write)(returncode_t, uint32_t);
/* Read finished: (result, number of bytes stored in the buffer). */
typedef void (*libtock_console_callback_read)(returncode_t, uint32_t);

bool libtock_console_exists(void);

/* Sends `len` bytes of `buffer`; the buffer stays shared with the kernel until `cb` runs. */
returncode_t libtock_console_write(const uint8_t* buffer, uint32_t len,
                                   libtock_console_callback_write cb);
/* Receives up to `len` bytes into `buffer`; `cb` runs when they arrived or the read ended. */
returncode_t libtock_console_read(uint8_t* buffer, uint32_t len, libtock_console_callback_read cb);
returncode_t libtock_console_abort_read(void);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_CONSOLE_H_
