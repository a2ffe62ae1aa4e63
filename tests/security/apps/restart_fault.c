/* Faults right after start (NULL store), for restart-policy tests: each (re)start prints one
 * "restart_fault: started" line, so a test can count restarts.
 */
#include <stdint.h>

#include "libtock/printf.h"

int main(void) {
  printf("restart_fault: started\n");
  *(volatile uint32_t*)0 = 1;
  printf("restart_fault: ESCAPED\n");
  return 0;
}
