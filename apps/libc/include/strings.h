/* strings.h for Tock apps (apps/libc): the case-insensitive comparisons. */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_STRINGS_H_
#define TOCKPP_APPS_LIBC_INCLUDE_STRINGS_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int strcasecmp(const char* a, const char* b);
int strncasecmp(const char* a, const char* b, size_t n);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_STRINGS_H_
