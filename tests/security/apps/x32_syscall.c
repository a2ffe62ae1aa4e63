/* Attack: an x32-numbered system call (getpid | __X32_SYSCALL_BIT), the other call table
 * 64-bit code can reach. The filter has no x32 rules: expect SIGSYS.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("x32_syscall: syscall with rax=0x40000027\n");
  int64_t ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"((uint64_t)0x40000027u)
                   : "rcx", "r11", "memory", "cc");
  printf("x32_syscall: ESCAPED ret=%d\n", (int)ret);
  return 0;
}
