/* Console, blocking layer over the command layer and Yield-WaitFor. The buffer is un-shared
 * before returning, so the kernel never keeps a view of app memory past the call.
 */
#include "console.h"

#include <libtock/interface/syscalls/console_syscalls.h>

#include "syscalls/console_syscalls.h"

bool libtocksync_console_exists(void) { return libtock_console_driver_exists(); }

returncode_t libtocksync_console_write(const uint8_t* buffer, uint32_t length, uint32_t* written) {
  uint32_t total = 0;
  returncode_t rc = RETURNCODE_SUCCESS;
  /* The capsule sends everything shared in one go; loop anyway should a kernel send less. */
  while (total < length) {
    rc = libtock_console_set_read_allow(buffer + total, length - total);
    if (rc != RETURNCODE_SUCCESS) break;
    rc = libtock_console_command_write((int)(length - total));
    if (rc != RETURNCODE_SUCCESS) break;
    uint32_t sent = 0;
    rc = libtocksync_console_yield_wait_for_write(&sent);
    if (rc != RETURNCODE_SUCCESS) break;
    if (sent == 0) {
      rc = RETURNCODE_FAIL;
      break;
    }
    total += sent;
  }
  (void)libtock_console_set_read_allow(NULL, 0);
  if (written != NULL) *written = total;
  return rc;
}

returncode_t libtocksync_console_read(uint8_t* buffer, uint32_t length, uint32_t* read) {
  uint32_t got = 0;
  returncode_t rc = libtock_console_set_readwrite_allow(buffer, length);
  if (rc == RETURNCODE_SUCCESS) {
    rc = libtock_console_command_read((int)length);
    if (rc == RETURNCODE_SUCCESS) rc = libtocksync_console_yield_wait_for_read(&got);
  }
  (void)libtock_console_set_readwrite_allow(NULL, 0);
  if (read != NULL) *read = got;
  return rc;
}
