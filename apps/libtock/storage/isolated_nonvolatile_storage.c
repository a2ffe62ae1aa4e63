#include "isolated_nonvolatile_storage.h"

#include "syscalls/isolated_nonvolatile_storage_syscalls.h"

/* Size upcall: (status, size low 32 bits, size high 32 bits). */
static void size_upcall(int status, int lo, int hi, void* opaque) {
  uint64_t bytes = (uint64_t)(uint32_t)lo | (uint64_t)(uint32_t)hi << 32;
  ((libtock_isolated_nonvolatile_storage_callback_get_number_bytes)opaque)(
      tock_status_to_returncode((statuscode_t)status), bytes);
}

static void write_upcall(int status, __attribute__((unused)) int a, __attribute__((unused)) int b,
                         void* opaque) {
  ((libtock_isolated_nonvolatile_storage_callback_write)opaque)(
      tock_status_to_returncode((statuscode_t)status));
}

static void read_upcall(int status, __attribute__((unused)) int a, __attribute__((unused)) int b,
                        void* opaque) {
  ((libtock_isolated_nonvolatile_storage_callback_read)opaque)(
      tock_status_to_returncode((statuscode_t)status));
}

bool libtock_isolated_nonvolatile_storage_exists(void) {
  return libtock_isolated_nonvolatile_storage_driver_exists();
}

returncode_t libtock_isolated_nonvolatile_storage_get_number_bytes(
    libtock_isolated_nonvolatile_storage_callback_get_number_bytes cb) {
  returncode_t rc =
      libtock_isolated_nonvolatile_storage_set_upcall_get_number_bytes_done(size_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS)
    rc = libtock_isolated_nonvolatile_storage_command_get_number_bytes();
  return rc;
}

returncode_t libtock_isolated_nonvolatile_storage_write(
    uint64_t offset, uint8_t* buffer, size_t buffer_length,
    libtock_isolated_nonvolatile_storage_callback_write cb) {
  returncode_t rc =
      libtock_isolated_nonvolatile_storage_set_upcall_write_done(write_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS)
    rc =
        libtock_isolated_nonvolatile_storage_set_allow_readonly_write_buffer(buffer, buffer_length);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_isolated_nonvolatile_storage_command_write(offset);
  return rc;
}

returncode_t libtock_isolated_nonvolatile_storage_read(
    uint64_t offset, uint8_t* buffer, size_t buffer_length,
    libtock_isolated_nonvolatile_storage_callback_read cb) {
  returncode_t rc =
      libtock_isolated_nonvolatile_storage_set_upcall_read_done(read_upcall, (void*)cb);
  if (rc == RETURNCODE_SUCCESS)
    rc =
        libtock_isolated_nonvolatile_storage_set_allow_readwrite_read_buffer(buffer, buffer_length);
  if (rc == RETURNCODE_SUCCESS) rc = libtock_isolated_nonvolatile_storage_command_read(offset);
  return rc;
}
