/* Attack: read the host's time stamp counter with rdtsc (RDTSC_RDTSCP: rdtscp), which no
 * syscall would show in a trace. The launcher set PR_SET_TSC, so where the CPU or hypervisor
 * enforces it this is a SIGSEGV at the instruction, named "rdtsc (host time is not readable;
 * use the alarm driver)". On a host that accepts PR_SET_TSC but ignores it the read succeeds
 * and the app says ESCAPED (tockd warns at start; tests/security/attack_test.cc probes).
 */
#include <stdint.h>

#include "libtock/printf.h"

#ifdef RDTSC_RDTSCP
#define RDTSC_NAME "rdtscp"
#else
#define RDTSC_NAME "rdtsc"
#endif

int main(void) {
  printf(RDTSC_NAME ": reading the host's TSC\n");
  uint32_t lo;
  uint32_t hi;
#ifdef RDTSC_RDTSCP
  __asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi) : : "rcx");
#else
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
#endif
  printf(RDTSC_NAME ": ESCAPED tsc 0x%x%08x\n", hi, lo);
  return 0;
}
