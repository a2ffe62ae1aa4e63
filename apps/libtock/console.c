/* Console driver (0x1) wrappers: RO allow 1 + subscribe 1 + command 1 to write, RW allow 1 +
 * subscribe 2 + command 2 to read (drivers-and-memory.md §2). Buffers are un-allowed after
 * each blocking operation so the kernel never keeps a stale view of app memory.
 */
#include "libtock/console.h"

bool libtock_console_exists(void) { return driver_exists(DRIVER_NUM_CONSOLE); }

returncode_t libtock_console_write(const uint8_t* buf, uint32_t len, subscribe_upcall cb,
                                   void* userdata) {
  int rc = tock_allow_ro_return_to_returncode(allow_readonly(DRIVER_NUM_CONSOLE, 1, buf, len));
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_CONSOLE, 1, cb, userdata));
  if (rc != RETURNCODE_SUCCESS) return rc;
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 1, (int)len, 0));
}

returncode_t libtock_console_read(uint8_t* buf, uint32_t len, subscribe_upcall cb, void* userdata) {
  int rc = tock_allow_rw_return_to_returncode(allow_readwrite(DRIVER_NUM_CONSOLE, 1, buf, len));
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_CONSOLE, 2, cb, userdata));
  if (rc != RETURNCODE_SUCCESS) return rc;
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 2, (int)len, 0));
}

returncode_t libtock_console_abort_read(void) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_CONSOLE, 3, 0, 0));
}

typedef struct {
  bool done;
  int arg0;
  int arg1;
} console_result_t;

static void console_upcall(int arg0, int arg1, int arg2, void* userdata) {
  (void)arg2;
  console_result_t* r = userdata;
  r->arg0 = arg0;
  r->arg1 = arg1;
  r->done = true;
}

returncode_t libtocksync_console_write(const uint8_t* buf, uint32_t len, uint32_t* written) {
  uint32_t total = 0;
  returncode_t rc = RETURNCODE_SUCCESS;
  while (total < len) {
    console_result_t result = {false, 0, 0};
    rc = libtock_console_write(buf + total, len - total, console_upcall, &result);
    if (rc != RETURNCODE_SUCCESS) break;
    yield_for(&result.done);
    if (result.arg0 <= 0) {
      rc = RETURNCODE_FAIL;
      break;
    }
    total += (uint32_t)result.arg0;
  }
  allow_ro_return_t unallow = allow_readonly(DRIVER_NUM_CONSOLE, 1, NULL, 0);
  subscribe_return_t unsub = subscribe(DRIVER_NUM_CONSOLE, 1, TOCK_NULL_UPCALL, NULL);
  (void)unallow;
  (void)unsub;
  if (written != NULL) *written = total;
  return rc;
}

returncode_t libtocksync_console_read(uint8_t* buf, uint32_t len, uint32_t* read) {
  console_result_t result = {false, 0, 0};
  returncode_t rc = libtock_console_read(buf, len, console_upcall, &result);
  if (rc == RETURNCODE_SUCCESS) {
    yield_for(&result.done);
    rc = tock_status_to_returncode((statuscode_t)result.arg0);
  }
  allow_rw_return_t unallow = allow_readwrite(DRIVER_NUM_CONSOLE, 1, NULL, 0);
  subscribe_return_t unsub = subscribe(DRIVER_NUM_CONSOLE, 2, TOCK_NULL_UPCALL, NULL);
  (void)unallow;
  (void)unsub;
  if (read != NULL) *read = result.done ? (uint32_t)result.arg1 : 0;
  return rc;
}
