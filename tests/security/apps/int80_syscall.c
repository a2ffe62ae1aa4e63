/* Attack: an i386 system call (getpid, 20) through `int $0x80` from the app's 64-bit code,
 * which a filter that checked only x86-64 numbers would let through. Expect a fault: SIGSYS
 * where the kernel has IA32 emulation (the filter's arch check), SIGSEGV where it has none
 * (no int 0x80 gate at all). Never a return.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("int80_syscall: int 0x80 with eax=20\n");
  int32_t ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20) : "memory", "cc");
  printf("int80_syscall: ESCAPED ret=%d\n", ret);
  return 0;
}
