#include "rng.h"

#include "syscalls/rng_syscalls.h"

// The driver reports (0, bytes filled, 0); the app's callback travels as the userdata.
static void rng_filled(int unused0, int filled, int unused2, void* opaque) {
  (void)unused0;
  (void)unused2;
  libtock_rng_callback cb = (libtock_rng_callback)opaque;
  if (cb != NULL) cb(RETURNCODE_SUCCESS, filled);
}

bool libtock_rng_exists(void) { return libtock_rng_driver_exists(); }

returncode_t libtock_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                          libtock_rng_callback cb) {
  returncode_t rc = libtock_rng_set_upcall(rng_filled, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_rng_set_allow_readwrite(buf, len);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_rng_command_get_random(num);
}
