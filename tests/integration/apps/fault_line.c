/* Faults at a known function and line, for the symbolized fault dump tests
 * (tests/integration/fault_dump_test.cc, hostkernel/symbols/symbolizer_test.cc): main calls
 * poke(), which stores to an address no region maps (0x40000000). The tests find the line by
 * its FAULT_HERE marker, so the lines may move. */
#include <stdint.h>

#include "libtock/printf.h"

/* noinline: the dump must name poke, called from main, as two frames. */
__attribute__((noinline)) void poke(volatile uint32_t* target, uint32_t value) {
  *target = value; /* FAULT_HERE */
}

int main(void) {
  printf("fault_line: poking\n");
  poke((volatile uint32_t*)0x40000000u, 0x5a5a5a5au);
  printf("fault_line: ESCAPED\n"); /* AFTER_POKE */
  return 0;
}
