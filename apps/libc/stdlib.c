/* stdlib.h: number parsing, abs/div, qsort/bsearch, rand. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* Parses an optionally signed integer in `base` (0: C prefixes); clamps to [-neg_limit,
 * pos_limit] with ERANGE. Returns the magnitude and sets *negative. */
static unsigned long long parse(const char* s, char** end, int base, unsigned long long pos_limit,
                                unsigned long long neg_limit, bool* negative) {
  const char* p = s;
  while (isspace((unsigned char)*p)) ++p;
  *negative = false;
  if (*p == '+' || *p == '-') *negative = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
      isxdigit((unsigned char)p[2])) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  if (base < 2 || base > 36) {
    errno = EINVAL;
    if (end != NULL) *end = (char*)s;
    return 0;
  }
  const unsigned long long limit = *negative ? neg_limit : pos_limit;
  unsigned long long value = 0;
  bool any = false, overflow = false;
  for (;; ++p) {
    int c = (unsigned char)*p, digit;
    if (isdigit(c)) {
      digit = c - '0';
    } else if (isalpha(c)) {
      digit = tolower(c) - 'a' + 10;
    } else {
      break;
    }
    if (digit >= base) break;
    any = true;
    if (value > (limit - (unsigned)digit) / (unsigned)base) {
      overflow = true;
    } else {
      value = value * (unsigned)base + (unsigned)digit;
    }
  }
  if (end != NULL) *end = (char*)(any ? p : s);
  if (overflow) {
    errno = ERANGE;
    return limit;
  }
  return value;
}

long strtol(const char* s, char** end, int base) {
  bool neg;
  unsigned long long v = parse(s, end, base, LONG_MAX, (unsigned long long)LONG_MAX + 1, &neg);
  return neg ? (long)(0 - (unsigned long)v) : (long)v;
}

long long strtoll(const char* s, char** end, int base) {
  bool neg;
  unsigned long long v = parse(s, end, base, LLONG_MAX, (unsigned long long)LLONG_MAX + 1, &neg);
  return neg ? (long long)(0 - v) : (long long)v;
}

/* As C: a leading '-' negates the unsigned result. */
unsigned long strtoul(const char* s, char** end, int base) {
  bool neg;
  unsigned long long v = parse(s, end, base, ULONG_MAX, ULONG_MAX, &neg);
  return neg ? 0 - (unsigned long)v : (unsigned long)v;
}

unsigned long long strtoull(const char* s, char** end, int base) {
  bool neg;
  unsigned long long v = parse(s, end, base, ULLONG_MAX, ULLONG_MAX, &neg);
  return neg ? 0 - v : v;
}

intmax_t strtoimax(const char* s, char** end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char* s, char** end, int base) { return strtoull(s, end, base); }

int atoi(const char* s) { return (int)strtol(s, NULL, 10); }
long atol(const char* s) { return strtol(s, NULL, 10); }
long long atoll(const char* s) { return strtoll(s, NULL, 10); }

int abs(int v) { return v < 0 ? -v : v; }
long labs(long v) { return v < 0 ? -v : v; }
long long llabs(long long v) { return v < 0 ? -v : v; }
intmax_t imaxabs(intmax_t v) { return v < 0 ? -v : v; }

div_t div(int num, int den) {
  div_t r = {num / den, num % den};
  return r;
}

ldiv_t ldiv(long num, long den) {
  ldiv_t r = {num / den, num % den};
  return r;
}

static void swap_bytes(unsigned char* a, unsigned char* b, size_t size) {
  while (size--) {
    unsigned char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

/* Heap sort: O(n log n), no recursion, no extra memory. */
static void sift_down(unsigned char* base, size_t root, size_t count, size_t size,
                      int (*cmp)(const void*, const void*)) {
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= count) return;
    if (child + 1 < count && cmp(base + child * size, base + (child + 1) * size) < 0) ++child;
    if (cmp(base + root * size, base + child * size) >= 0) return;
    swap_bytes(base + root * size, base + child * size, size);
    root = child;
  }
}

void qsort(void* base, size_t count, size_t size, int (*cmp)(const void*, const void*)) {
  unsigned char* b = base;
  if (count < 2 || size == 0) return;
  for (size_t i = count / 2; i-- > 0;) sift_down(b, i, count, size, cmp);
  for (size_t end = count - 1; end > 0; --end) {
    swap_bytes(b, b + end * size, size);
    sift_down(b, 0, end, size, cmp);
  }
}

void* bsearch(const void* key, const void* base, size_t count, size_t size,
              int (*cmp)(const void*, const void*)) {
  const unsigned char* b = base;
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp(key, b + mid * size);
    if (c == 0) return (void*)(b + mid * size);
    if (c < 0) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return NULL;
}

/* newlib's generator (64-bit LCG, high bits), so seeded sequences match upstream apps. */
static unsigned long long rand_state = 1;

void srand(unsigned seed) { rand_state = seed; }

int rand(void) {
  rand_state = rand_state * 6364136223846793005ULL + 1;
  return (int)((rand_state >> 32) & RAND_MAX);
}
