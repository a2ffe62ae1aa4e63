/* Old flat header, kept for existing apps: forwards to libtock/peripherals/rng.h,
 * libtock-sync/peripherals/rng.h and the syscalls layer. New code should include those. */
#ifndef TOCKPP_APPS_LIBTOCK_RNG_H_
#define TOCKPP_APPS_LIBTOCK_RNG_H_

#include "libtock-sync/peripherals/rng.h"
#include "libtock/peripherals/rng.h"
#include "libtock/peripherals/syscalls/rng_syscalls.h"

/* The old flat API counted received bytes in a uint32_t; upstream uses int. Callers of this
 * header may pass either. */
#define libtocksync_rng_get_random_bytes(buf, len, num, received) \
  (libtocksync_rng_get_random_bytes)((buf), (len), (num), (int*)(received))

#endif /* TOCKPP_APPS_LIBTOCK_RNG_H_ */
