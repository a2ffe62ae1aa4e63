/* The printf engine shared by the stdio functions (internal to apps/libc). */
#ifndef TOCKPP_APPS_LIBC_FORMAT_H_
#define TOCKPP_APPS_LIBC_FORMAT_H_

#include <stdarg.h>
#include <stddef.h>

/* Receives `len` bytes of output. */
typedef void (*libc_sink_fn)(void* sink, const char* bytes, size_t len);

/* Formats `fmt` with `ap` into `sink`; returns the number of bytes produced. */
int libc_format(libc_sink_fn put, void* sink, const char* fmt, va_list ap);

/* Decimal digits of a finite, non-negative double (float.c). */
typedef struct {
  char digits[352]; /* significant digits, no point */
  int count;
  int point; /* the decimal point sits after `point` digits (may be <= 0 or > count) */
} libc_decimal_t;

/* fixed: `ndigits` digits after the point (%f); otherwise `ndigits` significant digits (%e),
 * correctly rounded (ties to even). Zero gives count 1, digits "0", point 1. */
void libc_double_digits(double value, int fixed, int ndigits, libc_decimal_t* out);

#endif  // TOCKPP_APPS_LIBC_FORMAT_H_
