/* Blocking reads and writes of the app's nonvolatile storage region. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_NONVOLATILE_STORAGE_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_NONVOLATILE_STORAGE_H_

#include <libtock/storage/nonvolatile_storage.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_nonvolatile_storage_exists(void);

/* Writes `length` bytes of `buffer` at `offset`; *length_written = bytes stored. */
returncode_t libtocksync_nonvolatile_storage_write(uint32_t offset, uint32_t length,
                                                   uint8_t* buffer, uint32_t buffer_length,
                                                   int* length_written);

/* Reads `length` bytes at `offset` into `buffer`; *length_read = bytes read. */
returncode_t libtocksync_nonvolatile_storage_read(uint32_t offset, uint32_t length, uint8_t* buffer,
                                                  uint32_t buffer_length, int* length_read);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_STORAGE_NONVOLATILE_STORAGE_H_
