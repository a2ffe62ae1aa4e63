/* tockpp's older names for the program break; implemented by the app C library (apps/libc,
 * unistd.c) next to the standard sbrk/brk of <unistd.h>.
 */
#ifndef TOCKPP_APPS_LIBTOCK_MEMORY_H_
#define TOCKPP_APPS_LIBTOCK_MEMORY_H_

#include <stdint.h>
#include <unistd.h>

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets the break to `addr`; RETURNCODE_ENOMEM if the kernel refuses. */
returncode_t tock_brk(void* addr);
/* Moves the break by `increment` bytes; returns the old break, or (void*)-1 on failure. */
void* tock_sbrk(int32_t increment);
/* newlib-style name for the same. */
void* _sbrk(int increment);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_MEMORY_H_ */
