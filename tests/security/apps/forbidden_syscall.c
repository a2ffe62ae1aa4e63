/* Attack: a Linux system call straight through `int $0x80` (default getpid, 20; the open
 * variant asks for /etc/passwd). The seccomp filter must kill it: expect SIGSYS.
 */
#include <stdint.h>

#include "libtock/printf.h"

#ifndef FORBIDDEN_NR
#define FORBIDDEN_NR 20u /* getpid */
#endif
#ifndef FORBIDDEN_NAME
#define FORBIDDEN_NAME "forbidden_syscall"
#endif

static const char kPath[] = "/etc/passwd";

int main(void) {
  printf(FORBIDDEN_NAME ": int 0x80 with eax=%u\n", FORBIDDEN_NR);
  int32_t ret;
  __asm__ volatile("int $0x80"
                   : "=a"(ret)
                   : "a"(FORBIDDEN_NR), "b"(kPath), "c"(0), "d"(0)
                   : "memory", "cc");
  printf(FORBIDDEN_NAME ": ESCAPED ret=%d\n", ret);
  return 0;
}
