#include "isolated_nonvolatile_storage.h"

#include "syscalls/isolated_nonvolatile_storage_syscalls.h"

bool libtocksync_isolated_nonvolatile_storage_exists(void) {
  return libtock_isolated_nonvolatile_storage_driver_exists();
}

returncode_t libtocksync_isolated_nonvolatile_storage_get_number_bytes(uint64_t* number_bytes) {
  returncode_t rc = libtock_isolated_nonvolatile_storage_command_get_number_bytes();
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtocksync_isolated_nonvolatile_storage_yield_wait_for_get_number_bytes(number_bytes);
}

returncode_t libtocksync_isolated_nonvolatile_storage_write(uint64_t offset, uint8_t* buffer,
                                                            uint32_t buffer_length) {
  returncode_t rc =
      libtock_isolated_nonvolatile_storage_set_allow_readonly_write_buffer(buffer, buffer_length);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_isolated_nonvolatile_storage_command_write(offset);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtocksync_isolated_nonvolatile_storage_yield_wait_for_write();
  (void)libtock_isolated_nonvolatile_storage_set_allow_readonly_write_buffer(NULL, 0);
  return rc;
}

returncode_t libtocksync_isolated_nonvolatile_storage_read(uint64_t offset, uint8_t* buffer,
                                                           uint32_t buffer_length) {
  returncode_t rc =
      libtock_isolated_nonvolatile_storage_set_allow_readwrite_read_buffer(buffer, buffer_length);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_isolated_nonvolatile_storage_command_read(offset);
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_isolated_nonvolatile_storage_yield_wait_for_read();
  (void)libtock_isolated_nonvolatile_storage_set_allow_readwrite_read_buffer(NULL, 0);
  return rc;
}
