/* kernel_reader: tries to read kernel RAM (the kernel stack at the bottom of RAM); the MPU
 * must fault it before the value can be printed. */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("kernel_reader: reading kernel RAM at 0x20000100\n");
  uint32_t value = *(volatile uint32_t*)0x20000100u;
  printf("kernel_reader: ERROR read 0x%08lx\n", (unsigned long)value);
  return 0;
}
