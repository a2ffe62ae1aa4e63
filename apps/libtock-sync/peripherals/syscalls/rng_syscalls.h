/* Blocking RNG primitive: Yield-WaitFor on the "bytes ready" upcall. */
#pragma once

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
