/* linux_exit: ends its process with Linux's exit_group(7) through int 0x80 instead of a Tock
 * exit syscall. To tockd that is an unexpected exit: a process fault, not a clean end.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("linux_exit: exit_group(7) via int 0x80\n");
  int32_t ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(252u), "b"(7u) : "memory", "cc");
  printf("linux_exit: still here ret=%d\n", ret);
  return 0;
}
