/* Attack: the `syscall` instruction from 32-bit code (eax = 20, getpid). Intel CPUs raise
 * #UD (SIGILL); AMD CPUs enter Linux's compat entry, where seccomp kills it (SIGSYS).
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("syscall32: syscall instruction in 32-bit mode\n");
  int32_t ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(20) : "ecx", "edx", "memory", "cc");
  printf("syscall32: ESCAPED ret=%d\n", ret);
  return 0;
}
