/* Attack: unbounded recursion. The stack sits at the bottom of RAM (0x20000000 up), so it runs
 * into unmapped memory below RAM instead of into .data. Expect SIGSEGV.
 */
#include <stdint.h>

#include "libtock/printf.h"

#pragma GCC diagnostic ignored "-Winfinite-recursion"

__attribute__((noinline, noipa)) static uint32_t recurse(uint32_t depth) {
  volatile uint8_t frame[256];
  frame[0] = (uint8_t)depth;
  return recurse(depth + 1) + frame[0];
}

int main(void) {
  printf("stack_overflow: recursing\n");
  uint32_t r = recurse(0);
  printf("stack_overflow: ESCAPED %u\n", r);
  return 0;
}
