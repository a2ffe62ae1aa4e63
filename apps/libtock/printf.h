/* Minimal formatted output over the console: %d %i %u %x %X %p %s %c %%, flags '-' '0',
 * a width, and the 'l'/'z' length modifiers (all 32-bit here). Blocking; no float.
 */
#ifndef TOCKPP_APPS_LIBTOCK_PRINTF_H_
#define TOCKPP_APPS_LIBTOCK_PRINTF_H_

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Formats into buf (always NUL-terminated if size > 0); returns the untruncated length. */
int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap);
int snprintf(char* buf, size_t size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

/* Write to the console; return the number of characters written or a negative returncode. */
int printf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char* fmt, va_list ap);
int puts(const char* s); /* appends '\n' */
int putchar(int c);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_PRINTF_H_ */
