/* stdio over the console driver (0x1): writes are read-only allow 1 + command 1 (length) and
 * a Yield-WaitFor on upcall 1 (arg0 = bytes written), repeated until every byte is out, then
 * the buffer is un-allowed; reads are read-write allow 1 + command 2 + Yield-WaitFor on
 * upcall 2 (status, bytes read). stdout is line-buffered (flushed at '\n', when full, before
 * a read, on fflush and on exit); stderr is unbuffered (stdout is flushed first so the two
 * keep their order on the one console).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "libtock/tock.h"

#define CONSOLE_DRIVER 0x1u
#define STDOUT_BUFFER 128

struct __tock_file {
  int mode; /* _IOLBF, _IONBF (outputs); stdin ignores it */
  char* buf;
  size_t len, cap;
  bool error;
  bool eof;
};

static char stdout_buf[STDOUT_BUFFER];
static struct __tock_file stdin_file = {_IONBF, NULL, 0, 0, false, false};
static struct __tock_file stdout_file = {_IOLBF, stdout_buf, 0, STDOUT_BUFFER, false, false};
static struct __tock_file stderr_file = {_IONBF, NULL, 0, 0, false, false};

#undef stdin
#undef stdout
#undef stderr
FILE* const stdin = &stdin_file;
FILE* const stdout = &stdout_file;
FILE* const stderr = &stderr_file;

/* Writes all `len` bytes to the console; false if the driver refuses. */
static bool console_write(const char* bytes, size_t len) {
  bool ok = true;
  while (len > 0) {
    allow_ro_return_t a = allow_readonly(CONSOLE_DRIVER, 1, bytes, len);
    if (!a.success) {
      ok = false;
      break;
    }
    syscall_return_t c = command(CONSOLE_DRIVER, 1, (int)len, 0);
    if (c.type < TOCK_SYSCALL_SUCCESS) {
      ok = false;
      break;
    }
    yield_waitfor_return_t done = yield_wait_for(CONSOLE_DRIVER, 1);
    size_t written = done.data0;
    if (written == 0 || written > len) {
      ok = false;
      break;
    }
    bytes += written;
    len -= written;
  }
  allow_ro_return_t unallow = allow_readonly(CONSOLE_DRIVER, 1, NULL, 0);
  (void)unallow;
  return ok;
}

static int flush_file(FILE* f) {
  if (f->len == 0) return 0;
  bool ok = console_write(f->buf, f->len);
  f->len = 0;
  if (!ok) {
    f->error = true;
    errno = EIO;
    return EOF;
  }
  return 0;
}

int fflush(FILE* f) {
  if (f == NULL) return flush_file(stdout) | flush_file(stderr);
  return flush_file(f);
}

/* Appends to `f`, flushing as its buffering mode says. */
static void file_put(void* sink, const char* bytes, size_t len) {
  FILE* f = sink;
  if (f == stdin) {
    f->error = true;
    return;
  }
  if (f->mode == _IONBF || f->cap == 0) {
    if (f == stderr) flush_file(stdout);
    if (!console_write(bytes, len)) f->error = true;
    return;
  }
  while (len > 0) {
    size_t n = f->cap - f->len;
    if (n > len) n = len;
    memcpy(f->buf + f->len, bytes, n);
    f->len += n;
    bool newline = f->mode == _IOLBF && memchr(bytes, '\n', n) != NULL;
    bytes += n;
    len -= n;
    if (f->len == f->cap || newline) flush_file(f);
  }
}

int vfprintf(FILE* f, const char* fmt, va_list ap) {
  bool had_error = f->error;
  f->error = false;
  int n = libc_format(file_put, f, fmt, ap);
  bool failed = f->error;
  f->error = f->error || had_error;
  return failed ? EOF : n;
}

int fprintf(FILE* f, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}

int vprintf(const char* fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int printf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

int iprintf(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

typedef struct {
  char* buf;
  size_t size;
  size_t len;
} string_sink_t;

static void string_put(void* sink, const char* bytes, size_t len) {
  string_sink_t* s = sink;
  for (size_t i = 0; i < len; ++i, ++s->len) {
    if (s->len + 1 < s->size) s->buf[s->len] = bytes[i];
  }
}

int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap) {
  string_sink_t sink = {buf, size, 0};
  int n = libc_format(string_put, &sink, fmt, ap);
  if (size > 0) buf[sink.len < size ? sink.len : size - 1] = '\0';
  return n;
}

int snprintf(char* buf, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

int sniprintf(char* buf, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

int vsprintf(char* buf, const char* fmt, va_list ap) { return vsnprintf(buf, SIZE_MAX, fmt, ap); }

int sprintf(char* buf, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, SIZE_MAX, fmt, ap);
  va_end(ap);
  return n;
}

int siprintf(char* buf, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, SIZE_MAX, fmt, ap);
  va_end(ap);
  return n;
}

size_t fwrite(const void* ptr, size_t size, size_t count, FILE* f) {
  if (size == 0 || count == 0) return 0;
  bool had_error = f->error;
  f->error = false;
  file_put(f, ptr, size * count);
  bool failed = f->error;
  f->error = failed || had_error;
  return failed ? 0 : count;
}

int fputs(const char* s, FILE* f) {
  return fwrite(s, 1, strlen(s), f) == 1 || *s == '\0' ? 0 : EOF;
}

int puts(const char* s) {
  size_t n = strlen(s);
  if (n > 0 && fwrite(s, n, 1, stdout) != 1) return EOF;
  return fwrite("\n", 1, 1, stdout) == 1 ? 0 : EOF;
}

int fputc(int c, FILE* f) {
  char ch = (char)c;
  return fwrite(&ch, 1, 1, f) == 1 ? (unsigned char)ch : EOF;
}

int putc(int c, FILE* f) { return fputc(c, f); }

int putchar(int c) { return fputc(c, stdout); }

int setvbuf(FILE* f, char* buf, int mode, size_t size) {
  if (f == stdin || (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)) return EOF;
  flush_file(f);
  f->mode = mode;
  if (mode == _IONBF) {
    f->cap = 0;
  } else if (buf != NULL && size > 0) {
    f->buf = buf;
    f->cap = size;
  } else if (f == stdout) {
    f->buf = stdout_buf;
    f->cap = STDOUT_BUFFER;
  } else {
    f->mode = _IONBF;
    f->cap = 0;
  }
  return 0;
}

void setbuf(FILE* f, char* buf) { setvbuf(f, buf, buf != NULL ? _IOFBF : _IONBF, BUFSIZ); }

void perror(const char* s) {
  if (s != NULL && *s != '\0')
    fprintf(stderr, "%s: %s\n", s, strerror(errno));
  else
    fprintf(stderr, "%s\n", strerror(errno));
}

/* ---- input ---- */

int fgetc(FILE* f) {
  if (f != stdin) return EOF;
  fflush(stdout);
  unsigned char c = 0;
  allow_rw_return_t a = allow_readwrite(CONSOLE_DRIVER, 1, &c, 1);
  int result = EOF;
  if (a.success) {
    syscall_return_t cmd = command(CONSOLE_DRIVER, 2, 1, 0);
    if (cmd.type >= TOCK_SYSCALL_SUCCESS) {
      yield_waitfor_return_t done = yield_wait_for(CONSOLE_DRIVER, 2);
      if (done.data0 == TOCK_STATUSCODE_SUCCESS && done.data1 >= 1) result = c;
    }
  }
  allow_rw_return_t unallow = allow_readwrite(CONSOLE_DRIVER, 1, NULL, 0);
  (void)unallow;
  if (result == EOF) f->eof = true;
  return result;
}

int getc(FILE* f) { return fgetc(f); }

int getchar(void) { return fgetc(stdin); }

char* fgets(char* buf, int size, FILE* f) {
  if (size <= 0) return NULL;
  int n = 0;
  while (n < size - 1) {
    int c = fgetc(f);
    if (c == EOF) break;
    buf[n++] = (char)c;
    if (c == '\n') break;
  }
  if (n == 0) return NULL;
  buf[n] = '\0';
  return buf;
}

size_t fread(void* ptr, size_t size, size_t count, FILE* f) {
  unsigned char* p = ptr;
  size_t total = size * count, got = 0;
  while (got < total) {
    int c = fgetc(f);
    if (c == EOF) break;
    p[got++] = (unsigned char)c;
  }
  return size == 0 ? 0 : got / size;
}
