#include "kv.h"

#include "syscalls/kv_syscalls.h"

bool libtocksync_kv_exists(void) { return libtock_kv_driver_exists(); }

/* The allows are withdrawn again whatever happened, so the kernel keeps no view of them. */
static void kv_unallow(void) {
  (void)libtock_kv_set_readonly_allow_key_buffer(NULL, 0);
  (void)libtock_kv_set_readonly_allow_input_buffer(NULL, 0);
  (void)libtock_kv_set_readwrite_allow_output_buffer(NULL, 0);
}

returncode_t libtocksync_kv_get(const uint8_t* key_buffer, uint32_t key_len, uint8_t* ret_buffer,
                                uint32_t ret_len, uint32_t* value_len) {
  int length = 0;
  returncode_t rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtock_kv_set_readwrite_allow_output_buffer(ret_buffer, ret_len);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_command_get();
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_kv_yield_wait_for_get(&length);
  kv_unallow();
  if (rc == RETURNCODE_SUCCESS) *value_len = (uint32_t)length;
  return rc;
}

static returncode_t kv_store(const uint8_t* key_buffer, uint32_t key_len, const uint8_t* val_buffer,
                             uint32_t val_len, returncode_t (*command_fn)(void)) {
  returncode_t rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtock_kv_set_readonly_allow_input_buffer(val_buffer, val_len);
  if (rc == RETURNCODE_SUCCESS) rc = command_fn();
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_kv_yield_wait_for_done();
  kv_unallow();
  return rc;
}

returncode_t libtocksync_kv_set(const uint8_t* key_buffer, uint32_t key_len,
                                const uint8_t* val_buffer, uint32_t val_len) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_set);
}

returncode_t libtocksync_kv_add(const uint8_t* key_buffer, uint32_t key_len,
                                const uint8_t* val_buffer, uint32_t val_len) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_add);
}

returncode_t libtocksync_kv_update(const uint8_t* key_buffer, uint32_t key_len,
                                   const uint8_t* val_buffer, uint32_t val_len) {
  return kv_store(key_buffer, key_len, val_buffer, val_len, libtock_kv_command_update);
}

returncode_t libtocksync_kv_delete(const uint8_t* key_buffer, uint32_t key_len) {
  returncode_t rc = libtock_kv_set_readonly_allow_key_buffer(key_buffer, key_len);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_kv_command_delete();
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_kv_yield_wait_for_done();
  kv_unallow();
  return rc;
}

returncode_t libtocksync_kv_garbage_collect(void) {
  returncode_t rc = libtock_kv_command_garbage_collect();
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_kv_yield_wait_for_done();
  return rc;
}
