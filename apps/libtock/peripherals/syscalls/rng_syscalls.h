/* RNG driver (0x40001), thin layer: share a buffer, ask for bytes, hear when it is filled. */
#ifndef TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_RNG 0x40001

bool libtock_rng_driver_exists(void);

/* Read-write allow 0: where the random bytes go. */
returncode_t libtock_rng_set_allow_readwrite(uint8_t* buf, uint32_t len);

/* Upcall arguments: (0, bytes filled, 0). */
returncode_t libtock_rng_set_upcall(subscribe_upcall callback, void* opaque);

returncode_t libtock_rng_command_get_random(uint32_t num_bytes);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_
