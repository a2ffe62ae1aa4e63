/* stdlib for Tock apps (apps/libc): heap over memop sbrk, conversions, sorting, rand, exit. */
#ifndef TOCKPP_APPS_LIBC_INCLUDE_STDLIB_H_
#define TOCKPP_APPS_LIBC_INCLUDE_STDLIB_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff
#define MB_CUR_MAX 1

typedef struct {
  int quot;
  int rem;
} div_t;
typedef struct {
  long quot;
  long rem;
} ldiv_t;

/* 8-byte aligned blocks; NULL when the kernel refuses to grow the heap. */
void* malloc(size_t size);
void* calloc(size_t count, size_t size);
void* realloc(void* ptr, size_t size);
void free(void* ptr);

int atoi(const char* s);
long atol(const char* s);
long long atoll(const char* s);
long strtol(const char* s, char** end, int base);
unsigned long strtoul(const char* s, char** end, int base);
long long strtoll(const char* s, char** end, int base);
unsigned long long strtoull(const char* s, char** end, int base);

int abs(int v);
long labs(long v);
long long llabs(long long v);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);

void qsort(void* base, size_t count, size_t size, int (*cmp)(const void*, const void*));
void* bsearch(const void* key, const void* base, size_t count, size_t size,
              int (*cmp)(const void*, const void*));

int rand(void);
void srand(unsigned seed);

/* exit: atexit handlers (last first), flush stdout, Tock exit syscall with `status`. */
void exit(int status) __attribute__((noreturn));
void _Exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBC_INCLUDE_STDLIB_H_
