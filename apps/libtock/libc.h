/* The few libc functions libtock apps (and the compiler, for struct copies) need, since apps
 * link with -nostdlib. Freestanding; only these names are provided.
 */
#ifndef TOCKPP_APPS_LIBTOCK_LIBC_H_
#define TOCKPP_APPS_LIBTOCK_LIBC_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
int strcmp(const char* a, const char* b);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_LIBC_H_ */
