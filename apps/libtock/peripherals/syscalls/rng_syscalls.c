#include "rng_syscalls.h"

bool libtock_rng_driver_exists(void) { return driver_exists(DRIVER_NUM_RNG); }

returncode_t libtock_rng_set_allow_readwrite(uint8_t* buf, uint32_t len) {
  return tock_allow_rw_return_to_returncode(allow_readwrite(DRIVER_NUM_RNG, 0, buf, len));
}

returncode_t libtock_rng_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_RNG, 0, callback, opaque));
}

returncode_t libtock_rng_command_get_random(uint32_t num_bytes) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_RNG, 1, (int)num_bytes, 0));
}
