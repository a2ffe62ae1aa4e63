/* console: every function of libtock/interface/console.h, its syscalls/ layer and
 * libtock-sync/interface/console.h (+ syscalls/). Reads wait for input the test types after
 * the app says "console: type ...". Lines "console: <what> <values>".
 */
#include <libtock-sync/interface/console.h>
#include <libtock-sync/interface/syscalls/console_syscalls.h>
#include <libtock/interface/console.h>
#include <libtock/interface/syscalls/console_syscalls.h>

#include "libtock/printf.h"

static bool done;
static returncode_t cb_rc;
static uint32_t cb_len;
static void on_write(returncode_t rc, uint32_t len) {
  cb_rc = rc;
  cb_len = len;
  done = true;
}
static void on_read(returncode_t rc, uint32_t len) {
  cb_rc = rc;
  cb_len = len;
  done = true;
}

static int raw_args[3];
static void raw_upcall(int a0, int a1, int a2, void* opaque) {
  raw_args[0] = a0;
  raw_args[1] = a1;
  raw_args[2] = a2;
  *(bool*)opaque = true;
}

/* The first n bytes of buf as a C string, for printing. */
static const char* text(const uint8_t* buf, uint32_t n) {
  static char out[16];
  uint32_t i = 0;
  for (; i < n && i + 1 < sizeof out; ++i) out[i] = (char)buf[i];
  out[i] = '\0';
  return out;
}

static const uint8_t kAsync[] = "console: async write\n";
static const uint8_t kRaw[] = "console: raw write\n";
static const uint8_t kSync[] = "console: sync write\n";
static const uint8_t kSplit[] = "console: split write\n";

int main(void) {
  printf("console: exists %d %d %d\n", libtock_console_exists(), libtock_console_driver_exists(),
         libtocksync_console_exists());

  /* Asynchronous write: the callback sees (SUCCESS, bytes written). */
  done = false;
  int rc = libtock_console_write(kAsync, sizeof kAsync - 1, on_write);
  yield_for(&done);
  printf("console: write rc=%d cb=%d,%u\n", rc, cb_rc, (unsigned)cb_len);

  /* The command layer by hand: upcall arguments as the kernel sends them. */
  bool raw_done = false;
  rc = libtock_console_write_done_set_upcall(raw_upcall, &raw_done);
  rc |= libtock_console_set_read_allow(kRaw, sizeof kRaw - 1);
  rc |= libtock_console_command_write(sizeof kRaw - 1);
  yield_for(&raw_done);
  printf("console: command_write rc=%d upcall=%d,%d,%d\n", rc, raw_args[0], raw_args[1],
         raw_args[2]);
  /* Only the first 8 bytes of the shared buffer: the length argument limits the write. */
  raw_done = false;
  rc = libtock_console_set_read_allow(kSplit, sizeof kSplit - 1);
  rc |= libtock_console_command_write(8);
  yield_for(&raw_done);
  printf("\nconsole: command_write 8 rc=%d upcall=%d\n", rc, raw_args[0]);

  /* Blocking write and its Yield-WaitFor primitive. */
  uint32_t written = 0;
  rc = libtocksync_console_write(kSync, sizeof kSync - 1, &written);
  printf("console: sync write rc=%d written=%u\n", rc, (unsigned)written);
  rc = libtock_console_set_read_allow(kRaw, 9);
  rc |= libtock_console_command_write(9);
  written = 0;
  int rc2 = libtocksync_console_yield_wait_for_write(&written);
  printf("\nconsole: yield_wait_for_write rc=%d %d written=%u\n", rc, rc2, (unsigned)written);
  (void)libtock_console_write_done_set_upcall(TOCK_NULL_UPCALL, NULL);

  /* Asynchronous read of 4 bytes. */
  static uint8_t buf[80];
  done = false;
  rc = libtock_console_read(buf, 4, on_read);
  printf("console: type 4 (read rc=%d)\n", rc);
  yield_for(&done);
  printf("console: read cb=%d,%u data=%s\n", cb_rc, (unsigned)cb_len, text(buf, cb_len));

  /* A second read while one is pending is BUSY; abort delivers what arrived with CANCEL. */
  done = false;
  rc = libtock_console_read(buf, 10, on_read);
  rc2 = libtock_console_read(buf, 10, on_read);
  int rc3 = libtock_console_abort_read();
  yield_for(&done);
  printf("console: abort rc=%d busy=%d abort=%d cb=%d,%u\n", rc, rc2, rc3, cb_rc, (unsigned)cb_len);

  /* Command layer read with the raw upcall: (status, bytes, 0). */
  raw_done = false;
  rc = libtock_console_read_done_set_upcall(raw_upcall, &raw_done);
  rc |= libtock_console_set_readwrite_allow(buf, sizeof buf);
  rc2 = libtock_console_command_read(sizeof buf); /* beyond the kernel's receive buffer */
  rc |= libtock_console_command_read(2);
  printf("console: type 2 (command_read rc=%d too_long=%d)\n", rc, rc2);
  yield_for(&raw_done);
  printf("console: command_read upcall=%d,%d,%d data=%s\n", raw_args[0], raw_args[1], raw_args[2],
         text(buf, 2));
  raw_done = false;
  rc = libtock_console_command_read(5);
  rc2 = libtock_console_command_abort_read();
  yield_for(&raw_done);
  printf("console: command_abort_read rc=%d %d upcall=%d,%d\n", rc, rc2, raw_args[0], raw_args[1]);
  (void)libtock_console_read_done_set_upcall(TOCK_NULL_UPCALL, NULL);

  /* Blocking read and its Yield-WaitFor primitive. */
  uint32_t got = 0;
  printf("console: type 3 (sync read)\n");
  rc = libtocksync_console_read(buf, 3, &got);
  printf("console: sync read rc=%d got=%u data=%s\n", rc, (unsigned)got, text(buf, got));
  rc = libtock_console_set_readwrite_allow(buf, sizeof buf);
  rc |= libtock_console_command_read(1);
  printf("console: type 1 (yield_wait_for_read rc=%d)\n", rc);
  got = 0;
  rc = libtocksync_console_yield_wait_for_read(&got);
  printf("console: yield_wait_for_read rc=%d got=%u data=%s\n", rc, (unsigned)got, text(buf, got));
  printf("console: done\n");
  tock_exit(0);
}
