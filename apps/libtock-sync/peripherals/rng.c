#include "rng.h"

#include "syscalls/rng_syscalls.h"

bool libtocksync_rng_exists(void) { return libtock_rng_driver_exists(); }

returncode_t libtocksync_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                              int* num_received) {
  returncode_t rc = libtock_rng_set_allow_readwrite(buf, len);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_rng_command_get_random(num);
  if (rc == RETURNCODE_SUCCESS) rc = libtocksync_rng_yield_wait_for(num_received);
  (void)libtock_rng_set_allow_readwrite(NULL, 0);  // hand the buffer back to the app
  return rc;
}
