/* Blocking RNG primitive: Yield-WaitFor on the "bytes ready" upcall. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_

#include <libtock/peripherals/syscalls/rng_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks until the requested bytes are in the shared buffer; *received = how many. */
returncode_t libtocksync_rng_yield_wait_for(int* received);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_SYSCALLS_RNG_SYSCALLS_H_
