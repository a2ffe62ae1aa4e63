/* Console (0x1), asynchronous layer. The callback travels as the upcall's userdata; each
 * direction has its own trampoline because the kernel's two upcalls are shaped differently
 * (write done: bytes written first; read done: status first, then the byte count).
 */
#include "console.h"

#include "syscalls/console_syscalls.h"

static void write_done(int bytes_written, int unused1, int unused2, void* opaque) {
  (void)unused1;
  (void)unused2;
  libtock_console_callback_write cb = (libtock_console_callback_write)opaque;
  cb(RETURNCODE_SUCCESS, (uint32_t)bytes_written);
}

static void read_done(int status, int bytes_read, int unused, void* opaque) {
  (void)unused;
  libtock_console_callback_read cb = (libtock_console_callback_read)opaque;
  cb(tock_status_to_returncode((statuscode_t)status), (uint32_t)bytes_read);
}

bool libtock_console_exists(void) { return libtock_console_driver_exists(); }

returncode_t libtock_console_write(const uint8_t* buffer, uint32_t len,
                                   libtock_console_callback_write cb) {
  returncode_t rc = libtock_console_write_done_set_upcall(write_done, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_console_set_read_allow(buffer, len);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_console_command_write((int)len);
}

returncode_t libtock_console_read(uint8_t* buffer, uint32_t len, libtock_console_callback_read cb) {
  returncode_t rc = libtock_console_read_done_set_upcall(read_done, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_console_set_readwrite_allow(buffer, len);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_console_command_read((int)len);
}

returncode_t libtock_console_abort_read(void) { return libtock_console_command_abort_read(); }
