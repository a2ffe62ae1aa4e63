/* Attacker for restart loops: a NULL store as main's first statement. Under
 * --fault-policy=restart every life faults at once and is restarted.
 */
#include <stdint.h>

int main(void) {
  *(volatile uint32_t*)0 = 1;
  return 0;
}
