/* Isolated nonvolatile storage (driver 0x50004), blocking. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_

#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_isolated_nonvolatile_storage_exists(void);

// The size of the app's region in bytes.
returncode_t libtocksync_isolated_nonvolatile_storage_get_number_bytes(uint64_t* number_bytes);

// Write bytes from `buffer` to the nonvolatile storage starting at `offset`.
returncode_t libtocksync_isolated_nonvolatile_storage_write(uint64_t offset, uint8_t* buffer,
                                                            uint32_t buffer_length);

// Read `buffer_length` bytes at `offset` into `buffer`.
returncode_t libtocksync_isolated_nonvolatile_storage_read(uint64_t offset, uint8_t* buffer,
                                                           uint32_t buffer_length);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_
