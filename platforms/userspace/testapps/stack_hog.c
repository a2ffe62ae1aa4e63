/* stack_hog: recurses until its stack (at the bottom of its RAM) runs past the start of its
 * memory; the MPU must stop the first push below memory_start. */
#include "libtock/printf.h"

static unsigned depth(volatile unsigned n) {
  volatile unsigned char frame[64];
  frame[0] = (unsigned char)n;
  return depth(n + 1) + frame[0];
}

int main(void) {
  printf("stack_hog: recursing without bound\n");
  printf("stack_hog: ERROR returned %u\n", depth(0));
  return 0;
}
