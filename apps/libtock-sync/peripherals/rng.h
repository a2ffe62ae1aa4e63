/* Blocking random bytes. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_RNG_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_RNG_H_

#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_rng_exists(void);

/* Fills `buf` (`len` bytes) with up to `num` random bytes; *num_received = how many came. */
returncode_t libtocksync_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                              int* num_received);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_PERIPHERALS_RNG_H_
