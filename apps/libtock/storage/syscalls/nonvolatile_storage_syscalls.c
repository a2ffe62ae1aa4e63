#include "nonvolatile_storage_syscalls.h"

#define NV DRIVER_NUM_NONVOLATILE_STORAGE

bool libtock_nonvolatile_storage_driver_exists(void) { return driver_exists(NV); }

returncode_t libtock_nonvolatile_storage_set_upcall_read_done(subscribe_upcall cb, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(NV, 0, cb, opaque));
}

returncode_t libtock_nonvolatile_storage_set_upcall_write_done(subscribe_upcall cb, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(NV, 1, cb, opaque));
}

returncode_t libtock_nonvolatile_storage_set_allow_readwrite_read_buffer(uint8_t* buffer,
                                                                         uint32_t len) {
  return tock_allow_rw_return_to_returncode(allow_readwrite(NV, 0, buffer, len));
}

returncode_t libtock_nonvolatile_storage_set_allow_readonly_write_buffer(uint8_t* buffer,
                                                                         uint32_t len) {
  return tock_allow_ro_return_to_returncode(allow_readonly(NV, 0, buffer, len));
}

returncode_t libtock_nonvolatile_storage_command_get_number_bytes(uint32_t* number_bytes) {
  return tock_command_return_u32_to_returncode(command(NV, 1, 0, 0), number_bytes);
}

returncode_t libtock_nonvolatile_storage_command_read(uint32_t offset, uint32_t length) {
  return tock_command_return_novalue_to_returncode(command(NV, 2, (int)offset, (int)length));
}

returncode_t libtock_nonvolatile_storage_command_write(uint32_t offset, uint32_t length) {
  return tock_command_return_novalue_to_returncode(command(NV, 3, (int)offset, (int)length));
}
