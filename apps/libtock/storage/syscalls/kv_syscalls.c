#include "kv_syscalls.h"

/* Upcall, allow and command numbers of driver 0x50003. */
enum {
  KV_UPCALL = 0,
  KV_RO_KEY = 0,
  KV_RO_VALUE = 1,
  KV_RW_VALUE = 0,
  KV_CMD_GET = 1,
  KV_CMD_SET = 2,
  KV_CMD_DELETE = 3,
  KV_CMD_ADD = 4,
  KV_CMD_UPDATE = 5,
  KV_CMD_GARBAGE_COLLECT = 6,
};

bool libtock_kv_driver_exists(void) { return driver_exists(DRIVER_NUM_KV); }

returncode_t libtock_kv_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_KV, KV_UPCALL, callback, opaque));
}

returncode_t libtock_kv_set_readonly_allow_key_buffer(const uint8_t* buffer, uint32_t len) {
  return tock_allow_ro_return_to_returncode(
      allow_readonly(DRIVER_NUM_KV, KV_RO_KEY, (const void*)buffer, len));
}

returncode_t libtock_kv_set_readonly_allow_input_buffer(const uint8_t* buffer, uint32_t len) {
  return tock_allow_ro_return_to_returncode(
      allow_readonly(DRIVER_NUM_KV, KV_RO_VALUE, (const void*)buffer, len));
}

returncode_t libtock_kv_set_readwrite_allow_output_buffer(uint8_t* buffer, uint32_t len) {
  return tock_allow_rw_return_to_returncode(
      allow_readwrite(DRIVER_NUM_KV, KV_RW_VALUE, (void*)buffer, len));
}

static returncode_t kv_command(uint32_t number) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_KV, number, 0, 0));
}

returncode_t libtock_kv_command_get(void) { return kv_command(KV_CMD_GET); }
returncode_t libtock_kv_command_set(void) { return kv_command(KV_CMD_SET); }
returncode_t libtock_kv_command_delete(void) { return kv_command(KV_CMD_DELETE); }
returncode_t libtock_kv_command_garbage_collect(void) { return kv_command(KV_CMD_GARBAGE_COLLECT); }
returncode_t libtock_kv_command_add(void) { return kv_command(KV_CMD_ADD); }
returncode_t libtock_kv_command_update(void) { return kv_command(KV_CMD_UPDATE); }
