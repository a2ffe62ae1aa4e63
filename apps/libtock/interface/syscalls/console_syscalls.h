/* Console driver (0x1), one function per system call: subscribe 1 (write done) / 2 (read done),
 * RO allow 1 (bytes to send), RW allow 1 (buffer to receive into), commands 0-3.
 */
#ifndef TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_CONSOLE 0x1

/* Upcall arguments as the kernel delivers them: (bytes_written, 0, 0). */
returncode_t libtock_console_write_done_set_upcall(subscribe_upcall callback, void* opaque);
/* Upcall arguments as the kernel delivers them: (statuscode, bytes_read, 0). */
returncode_t libtock_console_read_done_set_upcall(subscribe_upcall callback, void* opaque);

/* Shares `buffer` read-only: the bytes a following write command sends. */
returncode_t libtock_console_set_read_allow(const uint8_t* buffer, uint32_t len);
/* Shares `buffer` read-write: where a following read command stores what arrives. */
returncode_t libtock_console_set_readwrite_allow(uint8_t* buffer, uint32_t len);

bool libtock_console_driver_exists(void);

/* Sends the first `length` bytes of the read-only buffer. */
returncode_t libtock_console_command_write(int length);
/* Receives up to `length` bytes into the read-write buffer. */
returncode_t libtock_console_command_read(int length);
/* Ends an outstanding read early; its upcall reports what had arrived. */
returncode_t libtock_console_command_abort_read(void);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_
