/* Nonvolatile storage: asynchronous reads and writes of the app's storage region. */
#ifndef TOCKPP_APPS_LIBTOCK_STORAGE_NONVOLATILE_STORAGE_H_
#define TOCKPP_APPS_LIBTOCK_STORAGE_NONVOLATILE_STORAGE_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called with (status, bytes transferred). */
typedef void (*libtock_nonvolatile_storage_callback_write)(returncode_t, int);
typedef void (*libtock_nonvolatile_storage_callback_read)(returncode_t, int);

bool libtock_nonvolatile_storage_exists(void);
returncode_t libtock_nonvolatile_storage_get_number_bytes(uint32_t* number_bytes);
/* Writes `length` bytes of `buffer` at `offset`; `buffer` must stay valid until `cb`. */
returncode_t libtock_nonvolatile_storage_write(uint32_t offset, uint32_t length, uint8_t* buffer,
                                               uint32_t buffer_length,
                                               libtock_nonvolatile_storage_callback_write cb);
/* Reads `length` bytes at `offset` into `buffer`, valid once `cb` runs. */
returncode_t libtock_nonvolatile_storage_read(uint32_t offset, uint32_t length, uint8_t* buffer,
                                              uint32_t buffer_length,
                                              libtock_nonvolatile_storage_callback_read cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_STORAGE_NONVOLATILE_STORAGE_H_
