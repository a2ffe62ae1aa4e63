/* Console (0x1), blocking primitives: wait (Yield-WaitFor, no callback runs) for the end of a
 * write or read started through libtock/interface/syscalls/console_syscalls.h.
 */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_

#include <libtock/interface/syscalls/console_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Waits for write-done; *bytes_written gets the count, the result is RETURNCODE_SUCCESS. */
returncode_t libtocksync_console_yield_wait_for_write(uint32_t* bytes_written);
/* Waits for read-done; *bytes_read gets the count, the result is the read's status. */
returncode_t libtocksync_console_yield_wait_for_read(uint32_t* bytes_read);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_INTERFACE_SYSCALLS_CONSOLE_SYSCALLS_H_
