/* The printf engine: conversions d i u o x X c s p n % f F e E g G, flags - + space # 0,
 * width and precision (digits or *), length modifiers hh h l ll j z t L. Output follows
 * newlib's (C99) rules: "(null)" for a NULL %s, %p as 0x + lowercase hex, "inf"/"nan".
 */
#include "format.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
  F_LEFT = 1,
  F_PLUS = 2,
  F_SPACE = 4,
  F_ALT = 8,
  F_ZERO = 16,
};

enum length { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_BIG_L };

typedef struct {
  libc_sink_fn put;
  void* sink;
  int count;
} out_t;

static void put(out_t* o, const char* s, size_t n) {
  if (n == 0) return;
  o->put(o->sink, s, n);
  o->count += (int)n;
}

static void pad(out_t* o, char c, int n) {
  char chunk[16];
  memset(chunk, c, sizeof chunk);
  while (n > 0) {
    int k = n < (int)sizeof chunk ? n : (int)sizeof chunk;
    put(o, chunk, (size_t)k);
    n -= k;
  }
}

/* Emits prefix (sign / 0x), `zeros` leading zeros and body, padded to `width`. */
static void emit_field(out_t* o, int flags, int width, const char* prefix, int zeros,
                       const char* body, size_t body_len) {
  int len = (int)strlen(prefix) + zeros + (int)body_len;
  int fill = width > len ? width - len : 0;
  if (!(flags & F_LEFT) && !(flags & F_ZERO)) pad(o, ' ', fill);
  put(o, prefix, strlen(prefix));
  if (!(flags & F_LEFT) && (flags & F_ZERO)) pad(o, '0', fill);
  pad(o, '0', zeros);
  put(o, body, body_len);
  if (flags & F_LEFT) pad(o, ' ', fill);
}

static void format_integer(out_t* o, char conv, int flags, int width, int prec,
                           unsigned long long value, bool negative) {
  char buf[24];
  size_t i = sizeof buf;
  unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
  const char* digits = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  for (unsigned long long v = value; v != 0; v /= base) buf[--i] = digits[v % base];
  const char* prefix = "";
  if (negative) {
    prefix = "-";
  } else if (conv == 'd' || conv == 'i') {
    prefix = (flags & F_PLUS) ? "+" : (flags & F_SPACE) ? " " : "";
  }
  if (conv == 'p' || ((flags & F_ALT) && value != 0 && base == 16)) {
    prefix = conv == 'X' ? "0X" : "0x";
  }
  int len = (int)(sizeof buf - i);
  if (prec >= 0) {
    flags &= ~F_ZERO;
  } else {
    prec = 1;
  }
  int zeros = prec > len ? prec - len : 0;
  /* '#' with o: the first digit is a zero. */
  if (conv == 'o' && (flags & F_ALT) && zeros == 0 && (len == 0 || buf[i] != '0')) zeros = 1;
  emit_field(o, flags, width, prefix, zeros, buf + i, (size_t)len);
}

static void format_double(out_t* o, char conv, int flags, int width, int prec, double value) {
  bool upper = conv == 'F' || conv == 'E' || conv == 'G';
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  bool negative = bits >> 63;
  const char* sign = negative ? "-" : (flags & F_PLUS) ? "+" : (flags & F_SPACE) ? " " : "";
  if (((bits >> 52) & 0x7ff) == 0x7ff) {
    bool nan = (bits & ((1ull << 52) - 1)) != 0;
    const char* text = nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    emit_field(o, flags & ~F_ZERO, width, sign, 0, text, 3);
    return;
  }
  if (negative) value = -value;
  if (prec < 0) prec = 6;
  char lower = (char)(conv | 0x20);
  bool strip = false;
  libc_decimal_t d;
  if (lower == 'g') {
    int p = prec == 0 ? 1 : prec;
    libc_double_digits(value, 0, p, &d);
    int x = d.point - 1;
    if (d.count == 1 && d.digits[0] == '0') x = 0;
    strip = !(flags & F_ALT);
    if (p > x && x >= -4) {
      lower = 'f';
      prec = p - 1 - x;
    } else {
      lower = 'e';
      prec = p - 1;
    }
  }
  if (lower == 'f') {
    libc_double_digits(value, 1, prec, &d);
  } else {
    libc_double_digits(value, 0, prec + 1, &d);
  }
  /* Body: at most 350 digits + point + exponent. */
  char body[372];
  size_t n = 0;
  if (lower == 'f') {
    if (d.point <= 0) {
      body[n++] = '0';
    } else {
      for (int i = 0; i < d.point; ++i) body[n++] = i < d.count ? d.digits[i] : '0';
    }
    size_t point_at = n;
    if (prec > 0 || (flags & F_ALT)) body[n++] = '.';
    for (int i = 0; i < prec && n < sizeof body - 8; ++i) {
      int idx = d.point + i;
      body[n++] = idx >= 0 && idx < d.count ? d.digits[idx] : '0';
    }
    if (strip && n > point_at) {
      while (n > point_at + 1 && body[n - 1] == '0') --n;
      if (n == point_at + 1) --n;
    }
  } else {
    bool zero = d.count == 1 && d.digits[0] == '0';
    int exp10 = zero ? 0 : d.point - 1;
    body[n++] = d.digits[0];
    size_t point_at = n;
    if (prec > 0 || (flags & F_ALT)) body[n++] = '.';
    for (int i = 1; i <= prec && n < sizeof body - 8; ++i) {
      body[n++] = i < d.count ? d.digits[i] : '0';
    }
    if (strip && n > point_at) {
      while (n > point_at + 1 && body[n - 1] == '0') --n;
      if (n == point_at + 1) --n;
    }
    body[n++] = upper ? 'E' : 'e';
    body[n++] = exp10 < 0 ? '-' : '+';
    unsigned e = (unsigned)(exp10 < 0 ? -exp10 : exp10);
    if (e >= 100) body[n++] = (char)('0' + e / 100);
    body[n++] = (char)('0' + e / 10 % 10);
    body[n++] = (char)('0' + e % 10);
  }
  emit_field(o, flags, width, sign, 0, body, n);
}

int libc_format(libc_sink_fn put_fn, void* sink, const char* fmt, va_list ap) {
  out_t o = {put_fn, sink, 0};
  va_list args;
  va_copy(args, ap);
  while (*fmt != '\0') {
    const char* run = fmt;
    while (*fmt != '\0' && *fmt != '%') ++fmt;
    put(&o, run, (size_t)(fmt - run));
    if (*fmt == '\0') break;
    const char* spec = fmt++;

    int flags = 0;
    for (;; ++fmt) {
      if (*fmt == '-') {
        flags |= F_LEFT;
      } else if (*fmt == '+') {
        flags |= F_PLUS;
      } else if (*fmt == ' ') {
        flags |= F_SPACE;
      } else if (*fmt == '#') {
        flags |= F_ALT;
      } else if (*fmt == '0') {
        flags |= F_ZERO;
      } else {
        break;
      }
    }
    int width = 0;
    if (*fmt == '*') {
      width = va_arg(args, int);
      if (width < 0) {
        flags |= F_LEFT;
        width = -width;
      }
      ++fmt;
    } else {
      while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    }
    int prec = -1;
    if (*fmt == '.') {
      ++fmt;
      if (*fmt == '*') {
        prec = va_arg(args, int);
        if (prec < 0) prec = -1;
        ++fmt;
      } else {
        prec = 0;
        while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
      }
    }
    if (flags & F_LEFT) flags &= ~F_ZERO;
    enum length len = L_NONE;
    switch (*fmt) {
      case 'h':
        len = fmt[1] == 'h' ? L_HH : L_H;
        fmt += len == L_HH ? 2 : 1;
        break;
      case 'l':
        len = fmt[1] == 'l' ? L_LL : L_L;
        fmt += len == L_LL ? 2 : 1;
        break;
      case 'q':
        len = L_LL;
        ++fmt;
        break;
      case 'j':
        len = L_J;
        ++fmt;
        break;
      case 'z':
        len = L_Z;
        ++fmt;
        break;
      case 't':
        len = L_T;
        ++fmt;
        break;
      case 'L':
        len = L_BIG_L;
        ++fmt;
        break;
      default:
        break;
    }

    char conv = *fmt;
    if (conv == '\0') {
      put(&o, spec, (size_t)(fmt - spec));
      break;
    }
    ++fmt;
    switch (conv) {
      case 'd':
      case 'i': {
        long long v;
        switch (len) {
          case L_HH:
            v = (signed char)va_arg(args, int);
            break;
          case L_H:
            v = (short)va_arg(args, int);
            break;
          case L_L:
            v = va_arg(args, long);
            break;
          case L_LL:
          case L_J:
          case L_BIG_L:
            v = va_arg(args, long long);
            break;
          case L_Z:
            v = (ptrdiff_t)va_arg(args, size_t);
            break;
          case L_T:
            v = va_arg(args, ptrdiff_t);
            break;
          default:
            v = va_arg(args, int);
            break;
        }
        unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        format_integer(&o, conv, flags, width, prec, mag, v < 0);
        break;
      }
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        unsigned long long v;
        switch (len) {
          case L_HH:
            v = (unsigned char)va_arg(args, unsigned);
            break;
          case L_H:
            v = (unsigned short)va_arg(args, unsigned);
            break;
          case L_L:
            v = va_arg(args, unsigned long);
            break;
          case L_LL:
          case L_J:
          case L_BIG_L:
            v = va_arg(args, unsigned long long);
            break;
          case L_Z:
            v = va_arg(args, size_t);
            break;
          case L_T:
            v = (size_t)va_arg(args, ptrdiff_t);
            break;
          default:
            v = va_arg(args, unsigned);
            break;
        }
        format_integer(&o, conv, flags & ~(F_PLUS | F_SPACE), width, prec, v, false);
        break;
      }
      case 'p':
        format_integer(&o, 'p', flags & ~(F_PLUS | F_SPACE), width, prec,
                       (uintptr_t)va_arg(args, void*), false);
        break;
      case 'c': {
        char c = (char)va_arg(args, int);
        emit_field(&o, flags, width, "", 0, &c, 1);
        break;
      }
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == NULL) s = "(null)";
        size_t n = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
        emit_field(&o, flags, width, "", 0, s, n);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        double v = len == L_BIG_L ? (double)va_arg(args, long double) : va_arg(args, double);
        format_double(&o, conv, flags, width, prec, v);
        break;
      }
      case 'n': {
        void* p = va_arg(args, void*);
        switch (len) {
          case L_HH:
            *(signed char*)p = (signed char)o.count;
            break;
          case L_H:
            *(short*)p = (short)o.count;
            break;
          case L_L:
            *(long*)p = o.count;
            break;
          case L_LL:
          case L_J:
            *(long long*)p = o.count;
            break;
          default:
            *(int*)p = o.count;
            break;
        }
        break;
      }
      case '%':
        put(&o, "%", 1);
        break;
      default: /* unknown conversion: copied through as written */
        put(&o, spec, (size_t)(fmt - spec));
        break;
    }
  }
  va_end(args);
  return o.count;
}
