/* Console (0x1), blocking: each call returns once the kernel finished the transfer. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_CONSOLE_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_CONSOLE_H_

#include <libtock/interface/console.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_console_exists(void);

/* Sends all `length` bytes of `buffer`; *written (if not NULL) gets the number sent. */
returncode_t libtocksync_console_write(const uint8_t* buffer, uint32_t length, uint32_t* written);
/* Receives up to `length` bytes (returns once the kernel's read completes); *read (if not
 * NULL) gets the number stored. */
returncode_t libtocksync_console_read(uint8_t* buffer, uint32_t length, uint32_t* read);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_CONSOLE_H_
