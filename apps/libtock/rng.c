/* RNG driver (0x40001) wrappers: RW allow 0 + subscribe 0 + command 1 (num bytes). */
#include "libtock/rng.h"

returncode_t libtock_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                          subscribe_upcall cb, void* userdata) {
  int rc = tock_allow_rw_return_to_returncode(allow_readwrite(DRIVER_NUM_RNG, 0, buf, len));
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_RNG, 0, cb, userdata));
  if (rc != RETURNCODE_SUCCESS) return rc;
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_RNG, 1, (int)num, 0));
}

typedef struct {
  bool done;
  uint32_t filled;
} rng_result_t;

static void rng_upcall(int unused, int filled, int unused2, void* userdata) {
  (void)unused;
  (void)unused2;
  rng_result_t* r = userdata;
  r->filled = (uint32_t)filled;
  r->done = true;
}

returncode_t libtocksync_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                              uint32_t* received) {
  rng_result_t result = {false, 0};
  returncode_t rc = libtock_rng_get_random_bytes(buf, len, num, rng_upcall, &result);
  if (rc == RETURNCODE_SUCCESS) yield_for(&result.done);
  allow_rw_return_t unallow = allow_readwrite(DRIVER_NUM_RNG, 0, NULL, 0);
  subscribe_return_t unsub = subscribe(DRIVER_NUM_RNG, 0, TOCK_NULL_UPCALL, NULL);
  (void)unallow;
  (void)unsub;
  if (received != NULL) *received = result.filled;
  return rc;
}
