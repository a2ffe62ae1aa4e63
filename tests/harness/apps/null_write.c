/* null_write: prints one line, then stores to address 0x10, which no app may write on either
 * platform (tockd: unmapped; Cortex-M boards: kernel flash, outside the app's MPU regions).
 * For the harness's fault-dump waits. */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("null_write: writing 0x10\n");
  *(volatile uint32_t*)0x10u = 1u;
  printf("null_write: ESCAPED\n");
  return 0;
}
