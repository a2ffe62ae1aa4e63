/* Random bytes: fill a caller's buffer asynchronously. */
#ifndef TOCKPP_APPS_LIBTOCK_PERIPHERALS_RNG_H_
#define TOCKPP_APPS_LIBTOCK_PERIPHERALS_RNG_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called with (status, number of bytes written into the buffer). */
typedef void (*libtock_rng_callback)(returncode_t, int);

bool libtock_rng_exists(void);

/* Asks for `num` random bytes into `buf` (`len` bytes long, must stay valid until `cb`). */
returncode_t libtock_rng_get_random_bytes(uint8_t* buf, uint32_t len, uint32_t num,
                                          libtock_rng_callback cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_PERIPHERALS_RNG_H_
