/* Attack: a Linux system call straight through the `syscall` instruction (default getpid,
 * 39; the open variant is openat(AT_FDCWD, "/etc/passwd")). The seccomp filter must kill
 * it: expect SIGSYS.
 */
#include <stdint.h>

#include "libtock/printf.h"

#ifndef FORBIDDEN_NR
#define FORBIDDEN_NR 39u /* getpid */
#endif
#ifndef FORBIDDEN_NAME
#define FORBIDDEN_NAME "forbidden_syscall"
#endif

static const char kPath[] = "/etc/passwd";

int main(void) {
  printf(FORBIDDEN_NAME ": syscall with rax=%u\n", FORBIDDEN_NR);
  /* openat's arguments (AT_FDCWD, path, O_RDONLY); getpid ignores them. */
  int64_t ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"((uint64_t)FORBIDDEN_NR), "D"((uint64_t)(int64_t)-100),
                     "S"((uint64_t)(uintptr_t)kPath), "d"((uint64_t)0)
                   : "rcx", "r11", "memory", "cc");
  printf(FORBIDDEN_NAME ": ESCAPED ret=%d\n", (int)ret);
  return 0;
}
