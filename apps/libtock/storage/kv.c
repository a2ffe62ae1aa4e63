#include "kv.h"

#include "syscalls/kv_syscalls.h"

/* The upcall carries (status, value length, 0); the callback is the opaque pointer. */
static void kv_get_upcall(int status, int length, __attribute__((unused)) int unused,
                          void* opaque) {
  ((libtock_kv_callback_get)opaque)(tock_status_to_returncode((statuscode_t)status), length);
}

static void kv_done_upcall(int status, __attribute__((unused)) int length,
                           __attribute__((unused)) int unused, void* opaque) {
  ((libtock_kv_callback_done)opaque)(tock_status_to_returncode((statuscode_t)status));
}

bool libtock_kv_exists(void) { return libtock_kv_driver_exists(); }

returncode_t libtock_kv_get(const uint8_t* key_buffer, uint32_t key_len, uint8_t* ret_buffer,
                            uint32_t ret_len, libtock_kv_callback_get cb) {
  returncode_t rc = libtock_kv_set_upcall(kv_get_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtock_kv_set_readwrite_allow_output_buffer(ret_buffer, ret_len);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_command_get();
  return rc;
}

/* Set, add and update differ only in the command. */
static returncode_t kv_store(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                             uint32_t val_len, returncode_t (*command_fn)(void),
                             libtock_kv_callback_done cb) {
  returncode_t rc = libtock_kv_set_upcall(kv_done_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtock_kv_set_readonly_allow_input_buffer(val_buffer, val_len);
  if (rc == RETURNCODE_SUCCESS) rc = command_fn();
  return rc;
}

returncode_t libtock_kv_set(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                            uint32_t val_len, libtock_kv_callback_done cb) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_set, cb);
}

returncode_t libtock_kv_add(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                            uint32_t val_len, libtock_kv_callback_done cb) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_add, cb);
}

returncode_t libtock_kv_update(const uint8_t* key_buffer, uint32_t key_len,
                               const uint8_t* val_buffer, uint32_t val_len,
                               libtock_kv_callback_done cb) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_update, cb);
}

returncode_t libtock_kv_delete(const uint8_t* key_buffer, uint32_t key_len,
                               libtock_kv_callback_done cb) {
  returncode_t rc = libtock_kv_set_upcall(kv_done_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_command_delete();
  return rc;
}

returncode_t libtock_kv_garbage_collect(libtock_kv_callback_done cb) {
  returncode_t rc = libtock_kv_set_upcall(kv_done_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_command_garbage_collect();
  return rc;
}
