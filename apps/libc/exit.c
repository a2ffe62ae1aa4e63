/* Process end: exit/atexit/abort/_exit and assert failures, over the Tock exit syscall
 * (exit-terminate with the status as completion code). crt0 calls exit(main(...)).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "libtock/tock.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void)) {
  if (atexit_count == ATEXIT_MAX) return -1;
  atexit_fns[atexit_count++] = fn;
  return 0;
}

void _exit(int status) { tock_exit((uint32_t)status); }

void _Exit(int status) { tock_exit((uint32_t)status); }

void exit(int status) {
  while (atexit_count > 0) atexit_fns[--atexit_count]();
  fflush(stdout);
  tock_exit((uint32_t)status);
}

/* As newlib: no atexit handlers, no flush; completion code 1. */
void abort(void) { tock_exit(1); }

void __assert_func(const char* file, int line, const char* func, const char* expr) {
  fprintf(stderr, "assertion \"%s\" failed: file \"%s\", line %d%s%s\n", expr, file, line,
          func != NULL ? ", function: " : "", func != NULL ? func : "");
  abort();
}

void __assert(const char* file, int line, const char* expr) {
  __assert_func(file, line, NULL, expr);
}
