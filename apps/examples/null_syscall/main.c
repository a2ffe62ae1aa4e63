/* null_syscall: NULL_SYSCALL_COUNT commands to a driver that does not exist (the cheapest
 * full round trip app -> kernel -> app), then one line. For benchmarks.
 */
#include "libtock/printf.h"
#include "libtock/tock.h"

#ifndef NULL_SYSCALL_COUNT
#define NULL_SYSCALL_COUNT 100000
#endif

int main(void) {
  printf("null_syscall: start\n");
  uint32_t failures = 0;
  for (int i = 0; i < NULL_SYSCALL_COUNT; ++i) {
    syscall_return_t r = command(0xdead, 0, 0, 0);
    failures += r.type == TOCK_SYSCALL_FAILURE;
  }
  printf("null_syscall: done %u\n", (unsigned)failures);
  return 0;
}
