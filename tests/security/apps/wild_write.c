/* Attack: store to an address no region maps (0x40000000). Expect SIGSEGV -> process fault. */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  volatile uint32_t* target = (volatile uint32_t*)0x40000000u;
  printf("wild_write: writing to %p\n", (void*)target);
  *target = 0xdeadbeefu;
  printf("wild_write: ESCAPED\n");
  return 0;
}
