/* Blocking isolated nonvolatile storage primitives: Yield-WaitFor on the driver's upcalls. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_ISOLATED_NONVOLATILE_STORAGE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_ISOLATED_NONVOLATILE_STORAGE_SYSCALLS_H_

#include <libtock/storage/syscalls/isolated_nonvolatile_storage_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_get_number_bytes(
    uint64_t* number_bytes);
returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_read(void);
returncode_t libtocksync_isolated_nonvolatile_storage_yield_wait_for_write(void);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_SYSCALLS_ISOLATED_NONVOLATILE_STORAGE_SYSCALLS_H_
