/* Attack: far jump into 64-bit mode (code segment 0x33) and issue an x86-64 `syscall`
 * (getpid, 39), which an i386-only filter does not cover by arch. Expect SIGSYS. If the call
 * ever returns, lret back to 32-bit mode (segment 0x23) and report the escape.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("far_jump_64: ljmp to segment 0x33, then syscall\n");
  int32_t ret;
  __asm__ volatile(
      "movl $2f, %%edx\n" /* 32-bit return address, kept across syscall */
      "ljmp $0x33, $1f\n"
      ".code64\n"
      "1:\n"
      "  movl %%esp, %%esp\n" /* zero-extend rsp and rdx */
      "  movl %%edx, %%edx\n"
      "  movl $39, %%eax\n" /* x86-64 getpid */
      "  syscall\n"
      "  pushq $0x23\n"
      "  pushq %%rdx\n"
      "  lretq\n"
      ".code32\n"
      "2:\n"
      : "=a"(ret)
      :
      : "ecx", "edx", "memory", "cc");
  printf("far_jump_64: ESCAPED ret=%d\n", ret);
  return 0;
}
