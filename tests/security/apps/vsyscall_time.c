/* Attack: gettimeofday through the legacy vsyscall page, the one host-time entry at a fixed
 * address (0xffffffffff600000) that the launcher cannot unmap. Linux emulates the call, and
 * the emulation passes through seccomp, which refuses it: expect SIGSYS naming gettimeofday
 * "through the vsyscall page". (Where vsyscall=none, the call is a SEGV at that address.)
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("vsyscall_time: calling gettimeofday at 0xffffffffff600000\n");
  uint64_t tv[2] = {0, 0};
  uint64_t ret;
  __asm__ volatile("call *%%rax"
                   : "=a"(ret)
                   : "a"(0xFFFFFFFFFF600000ull), "D"((uint64_t)(uintptr_t)tv), "S"((uint64_t)0)
                   : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory", "cc");
  printf("vsyscall_time: ESCAPED ret %u sec %u\n", (uint32_t)ret, (uint32_t)tv[0]);
  return 0;
}
