/* string.h: straightforward byte loops. Built with -fno-tree-loop-distribute-patterns (the
 * app macros pass it) so gcc cannot turn memset/memcpy's own loops into calls to themselves.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void* memcpy(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  /* Word copies when both are aligned alike: printf and realloc move whole buffers. */
  if ((((uintptr_t)d | (uintptr_t)s) & 3u) == 0) {
    typedef uint32_t __attribute__((may_alias)) word_t;
    for (; n >= 4; n -= 4, d += 4, s += 4) *(word_t*)(void*)d = *(const word_t*)(const void*)s;
  }
  while (n--) *d++ = *s++;
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  if (d == s || n == 0) return dst;
  if (d < s || d >= s + n) return memcpy(dst, src, n);
  while (n--) d[n] = s[n];
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  unsigned char* d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void* a, const void* b, size_t n) {
  const unsigned char* x = a;
  const unsigned char* y = b;
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return x[i] - y[i];
  }
  return 0;
}

void* memchr(const void* s, int c, size_t n) {
  const unsigned char* p = s;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] == (unsigned char)c) return (void*)(p + i);
  }
  return NULL;
}

size_t strlen(const char* s) {
  const char* p = s;
  while (*p != '\0') ++p;
  return (size_t)(p - s);
}

size_t strnlen(const char* s, size_t max) {
  size_t n = 0;
  while (n < max && s[n] != '\0') ++n;
  return n;
}

char* strcpy(char* dst, const char* src) {
  char* d = dst;
  while ((*d++ = *src++) != '\0') {
  }
  return dst;
}

char* strncpy(char* dst, const char* src, size_t n) {
  size_t i = 0;
  for (; i < n && src[i] != '\0'; ++i) dst[i] = src[i];
  for (; i < n; ++i) dst[i] = '\0';
  return dst;
}

size_t strlcpy(char* dst, const char* src, size_t size) {
  size_t len = strlen(src);
  if (size > 0) {
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
  }
  return len;
}

size_t strlcat(char* dst, const char* src, size_t size) {
  size_t used = strnlen(dst, size);
  if (used == size) return size + strlen(src);
  return used + strlcpy(dst + used, src, size - used);
}

char* strcat(char* dst, const char* src) {
  strcpy(dst + strlen(dst), src);
  return dst;
}

char* strncat(char* dst, const char* src, size_t n) {
  char* d = dst + strlen(dst);
  size_t i = 0;
  for (; i < n && src[i] != '\0'; ++i) d[i] = src[i];
  d[i] = '\0';
  return dst;
}

int strcmp(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char* a, const char* b, size_t n) {
  for (; n > 0; --n, ++a, ++b) {
    if (*a != *b || *a == '\0') return (unsigned char)*a - (unsigned char)*b;
  }
  return 0;
}

int strcoll(const char* a, const char* b) { return strcmp(a, b); }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

int strcasecmp(const char* a, const char* b) {
  for (;; ++a, ++b) {
    int x = lower((unsigned char)*a);
    int y = lower((unsigned char)*b);
    if (x != y || x == 0) return x - y;
  }
}

int strncasecmp(const char* a, const char* b, size_t n) {
  for (; n > 0; --n, ++a, ++b) {
    int x = lower((unsigned char)*a);
    int y = lower((unsigned char)*b);
    if (x != y || x == 0) return x - y;
  }
  return 0;
}

char* strchr(const char* s, int c) {
  for (;; ++s) {
    if (*s == (char)c) return (char*)s;
    if (*s == '\0') return NULL;
  }
}

char* strrchr(const char* s, int c) {
  const char* found = NULL;
  for (;; ++s) {
    if (*s == (char)c) found = s;
    if (*s == '\0') return (char*)found;
  }
}

char* strstr(const char* haystack, const char* needle) {
  size_t n = strlen(needle);
  if (n == 0) return (char*)haystack;
  for (; *haystack != '\0'; ++haystack) {
    if (*haystack == *needle && strncmp(haystack, needle, n) == 0) return (char*)haystack;
  }
  return NULL;
}

size_t strspn(const char* s, const char* accept) {
  size_t n = 0;
  while (s[n] != '\0' && strchr(accept, s[n]) != NULL) ++n;
  return n;
}

size_t strcspn(const char* s, const char* reject) {
  size_t n = 0;
  while (s[n] != '\0' && strchr(reject, s[n]) == NULL) ++n;
  return n;
}

char* strpbrk(const char* s, const char* accept) {
  s += strcspn(s, accept);
  return *s != '\0' ? (char*)s : NULL;
}

char* strtok_r(char* s, const char* delim, char** save) {
  if (s == NULL) s = *save;
  if (s == NULL) return NULL;
  s += strspn(s, delim);
  if (*s == '\0') {
    *save = NULL;
    return NULL;
  }
  char* end = s + strcspn(s, delim);
  if (*end != '\0') {
    *end = '\0';
    *save = end + 1;
  } else {
    *save = NULL;
  }
  return s;
}

char* strtok(char* s, const char* delim) {
  static char* save;
  return strtok_r(s, delim, &save);
}

char* strndup(const char* s, size_t n) {
  size_t len = strnlen(s, n);
  char* copy = malloc(len + 1);
  if (copy == NULL) return NULL;
  memcpy(copy, s, len);
  copy[len] = '\0';
  return copy;
}

char* strdup(const char* s) { return strndup(s, strlen(s)); }

/* newlib's messages for the numbers errno.h defines. */
char* strerror(int errnum) {
  switch (errnum) {
    case 0:
      return "Success";
    case EPERM:
      return "Not owner";
    case ENOENT:
      return "No such file or directory";
    case ESRCH:
      return "No such process";
    case EINTR:
      return "Interrupted system call";
    case EIO:
      return "I/O error";
    case ENXIO:
      return "No such device or address";
    case E2BIG:
      return "Arg list too long";
    case ENOEXEC:
      return "Exec format error";
    case EBADF:
      return "Bad file number";
    case ECHILD:
      return "No children";
    case EAGAIN:
      return "No more processes";
    case ENOMEM:
      return "Not enough space";
    case EACCES:
      return "Permission denied";
    case EFAULT:
      return "Bad address";
    case EBUSY:
      return "Device or resource busy";
    case EEXIST:
      return "File exists";
    case EXDEV:
      return "Cross-device link";
    case ENODEV:
      return "No such device";
    case ENOTDIR:
      return "Not a directory";
    case EISDIR:
      return "Is a directory";
    case EINVAL:
      return "Invalid argument";
    case ENFILE:
      return "Too many open files in system";
    case EMFILE:
      return "File descriptor value too large";
    case ENOTTY:
      return "Not a character device";
    case EFBIG:
      return "File too large";
    case ENOSPC:
      return "No space left on device";
    case ESPIPE:
      return "Illegal seek";
    case EROFS:
      return "Read-only file system";
    case EMLINK:
      return "Too many links";
    case EPIPE:
      return "Broken pipe";
    case EDOM:
      return "Mathematics argument out of domain of function";
    case ERANGE:
      return "Result too large";
    case ENOSYS:
      return "Function not implemented";
    case ETIMEDOUT:
      return "Connection timed out";
    case ENOTSUP:
      return "Not supported";
    case EOVERFLOW:
      return "Value too large for defined data type";
    case ECANCELED:
      return "Operation canceled";
    case EILSEQ:
      return "Illegal byte sequence";
    default:
      return "";
  }
}
