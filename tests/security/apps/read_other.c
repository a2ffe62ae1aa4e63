/* Attack: load from memory that is not this app's: READ_OTHER_ADDR (default 0x30000000, where
 * no app region lives; build variants use a kernel-looking address). Expect SIGSEGV.
 */
#include <stdint.h>

#include "libtock/printf.h"

#ifndef READ_OTHER_ADDR
#define READ_OTHER_ADDR 0x30000000u
#endif
#ifndef READ_OTHER_NAME
#define READ_OTHER_NAME "read_other"
#endif

int main(void) {
  volatile uint32_t* target = (volatile uint32_t*)READ_OTHER_ADDR;
  printf(READ_OTHER_NAME ": reading %p\n", (void*)target);
  uint32_t value = *target;
  printf(READ_OTHER_NAME ": ESCAPED read 0x%x\n", value);
  return 0;
}
