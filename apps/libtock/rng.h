/* RNG driver (0x40001): fill a buffer with random bytes. */
#ifndef TOCKPP_APPS_LIBTOCK_RNG_H_
#define TOCKPP_APPS_LIBTOCK_RNG_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_RNG 0x40001u

/* Starts filling `buf` (RW allow 0, `len` bytes) with `num` bytes; upcall (0, filled, 0). */
returncode_t libtock_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                          subscribe_upcall cb, void* userdata);
/* Blocking version; *received = bytes filled. */
returncode_t libtocksync_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                              uint32_t* received);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_RNG_H_ */
