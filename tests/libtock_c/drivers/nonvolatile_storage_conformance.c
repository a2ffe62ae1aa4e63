/* Nonvolatile storage conformance: libtock/storage/nonvolatile_storage.h (+ syscalls) and
 * libtock-sync/storage/nonvolatile_storage.h: write then read back, async and sync. */
#include <libtock-sync/storage/nonvolatile_storage.h>
#include <libtock-sync/storage/syscalls/nonvolatile_storage_syscalls.h>
#include <libtock/storage/nonvolatile_storage.h>
#include <libtock/storage/syscalls/nonvolatile_storage_syscalls.h>

#include "libtock/printf.h"

static bool done;
static returncode_t cb_status = RETURNCODE_EBADRVAL;
static int cb_len = -1;

static void finished(returncode_t status, int length) {
  cb_status = status;
  cb_len = length;
  done = true;
}

static int same(const uint8_t* x, const uint8_t* y, int n) {
  for (int i = 0; i < n; ++i) {
    if (x[i] != y[i]) return 0;
  }
  return 1;
}

static int raw_upcalls;
/* A real function, so an upcall that comes before the wait is queued rather than dropped. */
static void raw_upcall(int a, int b, int c, void* opaque) {
  (void)a;
  (void)b;
  (void)c;
  (void)opaque;
  ++raw_upcalls;
}

int main(void) {
  static uint8_t out[16], in[16];
  for (int i = 0; i < 16; ++i) out[i] = (uint8_t)(0xA0 + i);
  printf("nv: exists=%d driver_exists=%d sync_exists=%d\n", libtock_nonvolatile_storage_exists(),
         libtock_nonvolatile_storage_driver_exists(), libtocksync_nonvolatile_storage_exists());
  uint32_t size = 0;
  int rc = libtock_nonvolatile_storage_get_number_bytes(&size);
  uint32_t size2 = 0;
  int rc2 = libtock_nonvolatile_storage_command_get_number_bytes(&size2);
  printf("nv: size rc=%d %d nonzero=%d same=%d\n", rc, rc2, size > 0, size == size2);

  rc = libtock_nonvolatile_storage_write(0, 16, out, sizeof out, finished);
  yield_for(&done);
  printf("nv: async write rc=%d status=%d length=%d\n", rc, cb_status, cb_len);
  done = false;
  rc = libtock_nonvolatile_storage_read(0, 16, in, sizeof in, finished);
  yield_for(&done);
  printf("nv: async read rc=%d status=%d length=%d match=%d\n", rc, cb_status, cb_len,
         same(in, out, 16));

  for (int i = 0; i < 16; ++i) out[i] = (uint8_t)(0x30 + i);
  int written = -1, got = -1;
  rc = libtocksync_nonvolatile_storage_write(32, 8, out, sizeof out, &written);
  for (int i = 0; i < 16; ++i) in[i] = 0;
  rc2 = libtocksync_nonvolatile_storage_read(32, 8, in, sizeof in, &got);
  printf("nv: sync write rc=%d written=%d read rc=%d got=%d match=%d\n", rc, written, rc2, got,
         same(in, out, 8));

  /* Past the end of the region: refused. */
  rc = libtocksync_nonvolatile_storage_read(size, 4, in, sizeof in, &got);
  printf("nv: past_end rc=%d\n", rc);

  /* The raw layer by hand. */
  int s0 = libtock_nonvolatile_storage_set_upcall_read_done(raw_upcall, NULL);
  int s1 = libtock_nonvolatile_storage_set_upcall_write_done(raw_upcall, NULL);
  int a0 = libtock_nonvolatile_storage_set_allow_readonly_write_buffer(out, 4);
  int c0 = libtock_nonvolatile_storage_command_write(64, 4);
  int w0 = libtocksync_nonvolatile_storage_yield_wait_for_write(&written);
  int a1 = libtock_nonvolatile_storage_set_allow_readwrite_read_buffer(in, 4);
  int c1 = libtock_nonvolatile_storage_command_read(64, 4);
  int w1 = libtocksync_nonvolatile_storage_yield_wait_for_read(&got);
  printf("nv: raw %d %d %d %d %d %d %d %d written=%d got=%d match=%d\n", s0, s1, a0, c0, w0, a1, c1,
         w1, written, got, same(in, out, 4));
  printf("nv: done\n");
  tock_exit(0);
}
