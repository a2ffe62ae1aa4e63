/* Key-value store (driver 0x50003), asynchronous: each call starts one operation and its
 * callback reports the outcome. Keys and values are the app's buffers; they must stay valid
 * until the callback. Which keys an app may read or change comes from its TBF's storage
 * permissions. */
#ifndef TOCKPP_APPS_LIBTOCK_STORAGE_KV_H_
#define TOCKPP_APPS_LIBTOCK_STORAGE_KV_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

// Get callback: (status of the operation, length of the stored value). RETURNCODE_ESIZE: the
// value was longer than ret_len and only its first ret_len bytes were copied.
typedef void (*libtock_kv_callback_get)(returncode_t, int);

// Set, add, update, delete and garbage collection callback: (status of the operation).
typedef void (*libtock_kv_callback_done)(returncode_t);

// Check if the driver exists.
bool libtock_kv_exists(void);

returncode_t libtock_kv_get(const uint8_t* key_buffer, uint32_t key_len, uint8_t* ret_buffer,
                            uint32_t ret_len, libtock_kv_callback_get cb);

returncode_t libtock_kv_set(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                            uint32_t val_len, libtock_kv_callback_done cb);

returncode_t libtock_kv_add(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                            uint32_t val_len, libtock_kv_callback_done cb);

returncode_t libtock_kv_update(const uint8_t* key_buffer, uint32_t key_len,
                               const uint8_t* val_buffer, uint32_t val_len,
                               libtock_kv_callback_done cb);

returncode_t libtock_kv_delete(const uint8_t* key_buffer, uint32_t key_len,
                               libtock_kv_callback_done cb);

returncode_t libtock_kv_garbage_collect(libtock_kv_callback_done cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_STORAGE_KV_H_
