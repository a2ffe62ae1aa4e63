/* Blocking nonvolatile storage primitives: Yield-WaitFor on the read/write-done upcalls. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_

#include <libtock/storage/syscalls/nonvolatile_storage_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Block until a read / write finishes; *length = bytes transferred. */
returncode_t libtocksync_nonvolatile_storage_yield_wait_for_read(int* length);
returncode_t libtocksync_nonvolatile_storage_yield_wait_for_write(int* length);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_NONVOLATILE_STORAGE_SYSCALLS_H_
