/* Attack: call the host's vDSO (clock_gettime) at the address Linux gave the process.
 *
 * An app cannot find that address itself: the auxiliary vector (AT_SYSINFO_EHDR) is on the
 * launcher's stack at a random 64-bit address that no register and no app-visible memory
 * points to, and /proc is out of reach (seccomp). So the test plays the leak: it reads
 * AT_SYSINFO_EHDR from /proc/PID/auxv and types it in hex on the console. The launcher
 * unmapped the vDSO and the vvar pages before the app ran: expect a SIGSEGV at that address,
 * named "call into the removed vDSO".
 */
#include <stdint.h>

#include "libtock/console.h"
#include "libtock/printf.h"

static int hex_digit(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int main(void) {
  printf("vdso_call: where was the vDSO?\n");
  uint64_t vdso = 0;
  for (;;) {
    uint8_t c = 0;
    uint32_t got = 0;
    if (libtocksync_console_read(&c, 1, &got) != RETURNCODE_SUCCESS) return -1;
    if (got == 0 || c == 'x' || c == '\r') continue;
    if (c == '\n') break;
    const int d = hex_digit(c);
    if (d >= 0) vdso = vdso << 4 | (uint64_t)d;
  }
  printf("vdso_call: calling 0x%x%08x\n", (uint32_t)(vdso >> 32), (uint32_t)vdso);
  /* struct timespec; clock 1 = CLOCK_MONOTONIC. The entry is somewhere in the image: any
   * address in it faults the same way now. */
  uint64_t ts[2] = {0, 0};
  uint64_t ret;
  __asm__ volatile("call *%%rax"
                   : "=a"(ret)
                   : "a"(vdso + 0x100), "D"((uint64_t)1), "S"((uint64_t)(uintptr_t)ts)
                   : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory", "cc");
  printf("vdso_call: ESCAPED ret %u sec %u\n", (uint32_t)ret, (uint32_t)ts[0]);
  return 0;
}
