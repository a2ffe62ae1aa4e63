#include "nonvolatile_storage.h"

#include "syscalls/nonvolatile_storage_syscalls.h"

// Both upcalls carry (bytes transferred, 0, 0); the app's callback travels as the userdata.
static void write_finished(int length, int unused1, int unused2, void* opaque) {
  (void)unused1;
  (void)unused2;
  libtock_nonvolatile_storage_callback_write cb =
      (libtock_nonvolatile_storage_callback_write)opaque;
  if (cb != NULL) cb(RETURNCODE_SUCCESS, length);
}

static void read_finished(int length, int unused1, int unused2, void* opaque) {
  (void)unused1;
  (void)unused2;
  libtock_nonvolatile_storage_callback_read cb = (libtock_nonvolatile_storage_callback_read)opaque;
  if (cb != NULL) cb(RETURNCODE_SUCCESS, length);
}

bool libtock_nonvolatile_storage_exists(void) {
  return libtock_nonvolatile_storage_driver_exists();
}

returncode_t libtock_nonvolatile_storage_get_number_bytes(uint32_t* number_bytes) {
  return libtock_nonvolatile_storage_command_get_number_bytes(number_bytes);
}

returncode_t libtock_nonvolatile_storage_write(uint32_t offset, uint32_t length, uint8_t* buffer,
                                               uint32_t buffer_length,
                                               libtock_nonvolatile_storage_callback_write cb) {
  returncode_t rc = libtock_nonvolatile_storage_set_upcall_write_done(write_finished, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_nonvolatile_storage_set_allow_readonly_write_buffer(buffer, buffer_length);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_nonvolatile_storage_command_write(offset, length);
}

returncode_t libtock_nonvolatile_storage_read(uint32_t offset, uint32_t length, uint8_t* buffer,
                                              uint32_t buffer_length,
                                              libtock_nonvolatile_storage_callback_read cb) {
  returncode_t rc = libtock_nonvolatile_storage_set_upcall_read_done(read_finished, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_nonvolatile_storage_set_allow_readwrite_read_buffer(buffer, buffer_length);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_nonvolatile_storage_command_read(offset, length);
}
