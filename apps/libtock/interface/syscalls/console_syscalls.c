/* Console (0x1) system calls; numbers from the kernel's console capsule. */
#include "console_syscalls.h"

enum {
  kConsoleExists = 0,
  kConsoleWrite = 1,
  kConsoleRead = 2,
  kConsoleAbortRead = 3,
  kConsoleWriteDone = 1, /* subscribe */
  kConsoleReadDone = 2,  /* subscribe */
  kConsoleBuffer = 1,    /* allow number, both RO and RW */
};

returncode_t libtock_console_write_done_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(
      subscribe(DRIVER_NUM_CONSOLE, kConsoleWriteDone, callback, opaque));
}

returncode_t libtock_console_read_done_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(
      subscribe(DRIVER_NUM_CONSOLE, kConsoleReadDone, callback, opaque));
}

returncode_t libtock_console_set_read_allow(const uint8_t* buffer, uint32_t len) {
  return tock_allow_ro_return_to_returncode(
      allow_readonly(DRIVER_NUM_CONSOLE, kConsoleBuffer, buffer, len));
}

returncode_t libtock_console_set_readwrite_allow(uint8_t* buffer, uint32_t len) {
  return tock_allow_rw_return_to_returncode(
      allow_readwrite(DRIVER_NUM_CONSOLE, kConsoleBuffer, buffer, len));
}

bool libtock_console_driver_exists(void) { return driver_exists(DRIVER_NUM_CONSOLE); }

returncode_t libtock_console_command_write(int length) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_CONSOLE, kConsoleWrite, length, 0));
}

returncode_t libtock_console_command_read(int length) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_CONSOLE, kConsoleRead, length, 0));
}

returncode_t libtock_console_command_abort_read(void) {
  return tock_command_return_novalue_to_returncode(
      command(DRIVER_NUM_CONSOLE, kConsoleAbortRead, 0, 0));
}
