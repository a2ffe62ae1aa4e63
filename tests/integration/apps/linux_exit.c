/* linux_exit: ends its process with Linux's exit_group(7) through the `syscall` instruction
 * instead of a Tock exit syscall. To tockd that is an unexpected exit: a process fault, not a
 * clean end.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("linux_exit: exit_group(7) via syscall\n");
  int64_t ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"((uint64_t)231), "D"((uint64_t)7)
                   : "rcx", "r11", "memory", "cc");
  printf("linux_exit: still here ret=%d\n", (int)ret);
  return 0;
}
