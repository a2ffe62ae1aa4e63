/* Isolated nonvolatile storage (driver 0x50004), asynchronous: the app's own region of
 * persistent storage, offsets from 0; needs a storage write id in the app's TBF. */
#ifndef TOCKPP_APPS_LIBTOCK_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_
#define TOCKPP_APPS_LIBTOCK_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// (status, size of the app's region in bytes).
typedef void (*libtock_isolated_nonvolatile_storage_callback_get_number_bytes)(returncode_t,
                                                                               uint64_t);
// (status).
typedef void (*libtock_isolated_nonvolatile_storage_callback_write)(returncode_t);
typedef void (*libtock_isolated_nonvolatile_storage_callback_read)(returncode_t);

bool libtock_isolated_nonvolatile_storage_exists(void);

returncode_t libtock_isolated_nonvolatile_storage_get_number_bytes(
    libtock_isolated_nonvolatile_storage_callback_get_number_bytes cb);

// Writes buffer_length bytes of buffer at offset (the buffer must stay valid until cb).
returncode_t libtock_isolated_nonvolatile_storage_write(
    uint64_t offset, uint8_t* buffer, size_t buffer_length,
    libtock_isolated_nonvolatile_storage_callback_write cb);

// Reads buffer_length bytes at offset into buffer.
returncode_t libtock_isolated_nonvolatile_storage_read(
    uint64_t offset, uint8_t* buffer, size_t buffer_length,
    libtock_isolated_nonvolatile_storage_callback_read cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_STORAGE_ISOLATED_NONVOLATILE_STORAGE_H_
