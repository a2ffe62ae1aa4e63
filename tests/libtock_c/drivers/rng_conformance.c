/* RNG conformance: libtock/peripherals/rng.h (+ syscalls) and libtock-sync/peripherals/rng.h. */
#include <libtock-sync/peripherals/rng.h>
#include <libtock-sync/peripherals/syscalls/rng_syscalls.h>
#include <libtock/peripherals/rng.h>
#include <libtock/peripherals/syscalls/rng_syscalls.h>

#include "libtock/printf.h"

static bool done;
static returncode_t cb_status = RETURNCODE_EBADRVAL;
static int cb_bytes = -1;

static void got(returncode_t status, int bytes) {
  cb_status = status;
  cb_bytes = bytes;
  done = true;
}

static int nonzero(const uint8_t* buf, int n) {
  int any = 0;
  for (int i = 0; i < n; ++i) any |= buf[i];
  return any != 0;
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
  static uint8_t buf[32];
  printf("rng: exists=%d driver_exists=%d sync_exists=%d\n", libtock_rng_exists(),
         libtock_rng_driver_exists(), libtocksync_rng_exists());

  int rc = libtock_rng_get_random_bytes(buf, sizeof buf, 16, got);
  yield_for(&done);
  printf("rng: async rc=%d status=%d bytes=%d random=%d\n", rc, cb_status, cb_bytes,
         nonzero(buf, 16));

  int received = -1;
  rc = libtocksync_rng_get_random_bytes(buf, sizeof buf, 32, &received);
  printf("rng: sync rc=%d received=%d\n", rc, received);
  /* More asked for than the buffer holds: only the buffer's worth arrives. */
  rc = libtocksync_rng_get_random_bytes(buf, 8, 20, &received);
  printf("rng: sync_small rc=%d received=%d\n", rc, received);

  /* The raw layer by hand. */
  int a = libtock_rng_set_allow_readwrite(buf, 4);
  int s = libtock_rng_set_upcall(raw_upcall, NULL);
  int c = libtock_rng_command_get_random(4);
  int w = libtocksync_rng_yield_wait_for(&received);
  int u = libtock_rng_set_allow_readwrite(NULL, 0);
  printf("rng: raw allow=%d upcall=%d command=%d wait=%d received=%d unallow=%d\n", a, s, c, w,
         received, u);
  printf("rng: done\n");
  tock_exit(0);
}
