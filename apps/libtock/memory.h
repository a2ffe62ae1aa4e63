/* Process heap: move the app break with memop brk (0) / sbrk (1). The kernel zeroes newly
 * exposed memory and, on the host, unlocks its pages before the call returns.
 */
#ifndef TOCKPP_APPS_LIBTOCK_MEMORY_H_
#define TOCKPP_APPS_LIBTOCK_MEMORY_H_

#include <stdint.h>

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the break to `addr`; RETURNCODE_ENOMEM if the kernel refuses. */
returncode_t tock_brk(void* addr);
/* Moves the break by `increment` bytes; returns the old break, or (void*)-1 on failure. */
void* tock_sbrk(int32_t increment);
/* newlib-style name for the same (what malloc implementations call). */
void* _sbrk(int increment);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_MEMORY_H_ */
