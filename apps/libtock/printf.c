/* printf family for apps: a small formatter feeding a sink, with the console sink flushing
 * through libtocksync_console_write in chunks of PRINTF_CHUNK bytes (stack buffer).
 */
#include "libtock/printf.h"

#include <stdbool.h>
#include <stdint.h>

#include "libtock/console.h"
#include "libtock/libc.h"

#define PRINTF_CHUNK 128

typedef struct {
  void (*put)(void* sink, char c);
  void* sink;
  int count;
} formatter_t;

static void emit(formatter_t* f, char c) {
  f->put(f->sink, c);
  ++f->count;
}

static void emit_padded(formatter_t* f, const char* s, size_t len, int width, bool left, char pad) {
  int padding = width > (int)len ? width - (int)len : 0;
  if (!left && pad == '0' && len > 0 && s[0] == '-') {
    emit(f, '-');
    ++s;
    --len;
  }
  if (!left) {
    while (padding-- > 0) emit(f, pad);
  }
  for (size_t i = 0; i < len; ++i) emit(f, s[i]);
  if (left) {
    while (padding-- > 0) emit(f, ' ');
  }
}

/* Renders `value` in `base` into the end of buf[12]; returns the first digit's index. */
static size_t render_unsigned(char buf[12], uint32_t value, uint32_t base, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  size_t i = 12;
  do {
    buf[--i] = digits[value % base];
    value /= base;
  } while (value != 0);
  return i;
}

static void format(formatter_t* f, const char* fmt, va_list ap) {
  for (; *fmt != '\0'; ++fmt) {
    if (*fmt != '%') {
      emit(f, *fmt);
      continue;
    }
    ++fmt;
    bool left = false;
    char pad = ' ';
    for (;; ++fmt) {
      if (*fmt == '-') {
        left = true;
      } else if (*fmt == '0') {
        pad = '0';
      } else {
        break;
      }
    }
    int width = 0;
    while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') ++fmt;

    char num[13];
    size_t start;
    switch (*fmt) {
      case 'd':
      case 'i': {
        int32_t v = va_arg(ap, int32_t);
        uint32_t magnitude = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
        start = render_unsigned(num, magnitude, 10, false);
        if (v < 0) num[--start] = '-';
        emit_padded(f, num + start, 12 - start, width, left, pad);
        break;
      }
      case 'u':
        start = render_unsigned(num, va_arg(ap, uint32_t), 10, false);
        emit_padded(f, num + start, 12 - start, width, left, pad);
        break;
      case 'x':
      case 'X':
        start = render_unsigned(num, va_arg(ap, uint32_t), 16, *fmt == 'X');
        emit_padded(f, num + start, 12 - start, width, left, pad);
        break;
      case 'p':
        emit(f, '0');
        emit(f, 'x');
        start = render_unsigned(num, (uint32_t)(uintptr_t)va_arg(ap, void*), 16, false);
        emit_padded(f, num + start, 12 - start, 8, false, '0');
        break;
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (s == NULL) s = "(null)";
        emit_padded(f, s, strlen(s), width, left, ' ');
        break;
      }
      case 'c': {
        char c = (char)va_arg(ap, int);
        emit_padded(f, &c, 1, width, left, ' ');
        break;
      }
      case '%':
        emit(f, '%');
        break;
      case '\0':
        return;
      default: /* unknown conversion: print it verbatim */
        emit(f, '%');
        emit(f, *fmt);
        break;
    }
  }
}

/* ---- string sink ---- */

typedef struct {
  char* buf;
  size_t size;
  size_t len;
} string_sink_t;

static void string_put(void* sink, char c) {
  string_sink_t* s = sink;
  if (s->len + 1 < s->size) s->buf[s->len] = c;
  ++s->len;
}

int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap) {
  string_sink_t sink = {buf, size, 0};
  formatter_t f = {string_put, &sink, 0};
  format(&f, fmt, ap);
  if (size > 0) buf[sink.len < size ? sink.len : size - 1] = '\0';
  return f.count;
}

int snprintf(char* buf, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

/* ---- console sink ---- */

typedef struct {
  char buf[PRINTF_CHUNK];
  size_t len;
  returncode_t rc;
} console_sink_t;

static void console_flush(console_sink_t* s) {
  if (s->len == 0) return;
  returncode_t rc = libtocksync_console_write((const uint8_t*)s->buf, (uint32_t)s->len, NULL);
  if (rc != RETURNCODE_SUCCESS) s->rc = rc;
  s->len = 0;
}

static void console_put(void* sink, char c) {
  console_sink_t* s = sink;
  s->buf[s->len++] = c;
  if (s->len == sizeof s->buf) console_flush(s);
}

int vprintf(const char* fmt, va_list ap) {
  console_sink_t sink;
  sink.len = 0;
  sink.rc = RETURNCODE_SUCCESS;
  formatter_t f = {console_put, &sink, 0};
  format(&f, fmt, ap);
  console_flush(&sink);
  return sink.rc == RETURNCODE_SUCCESS ? f.count : sink.rc;
}

int printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

int puts(const char* s) { return printf("%s\n", s); }

int putchar(int c) {
  char ch = (char)c;
  returncode_t rc = libtocksync_console_write((const uint8_t*)&ch, 1, NULL);
  return rc == RETURNCODE_SUCCESS ? (unsigned char)ch : rc;
}
