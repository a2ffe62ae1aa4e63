/* Recurses until its stack (1024 bytes, at the bottom of RAM) runs into the unmapped page
 * below RAM: the fault dump must say "stack overflow?" with the stack size. */
#include <stdint.h>

#include "libtock/printf.h"

/* noinline and a live local array keep every call's frame (no tail call, no loop). */
__attribute__((noinline)) uint32_t dive(uint32_t depth) {
  volatile uint8_t frame[64];
  frame[depth % sizeof(frame)] = (uint8_t)depth;
  return dive(depth + 1) + frame[0];
}

int main(void) {
  printf("stack_overflow: diving\n");
  return (int)dive(0);
}
