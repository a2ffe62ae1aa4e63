/* soak_crasher: one system call (the alarm's frequency), then a store to NULL. Under
 * --fault-policy=soak_crasher=restart each start is one crash/restart cycle of the soak
 * (tests/bench/soak.h). Prints nothing, so the console carries only the healthy apps' lines. */
#include <stdint.h>

#include "libtock/alarm.h"

int main(void) {
  uint32_t hz = 0;
  (void)libtock_alarm_command_get_frequency(&hz);
  *(volatile uint32_t*)0 = hz;
  return 0;
}
