/* debug_target: the app tests/debug drives gdb through. main keeps a local variable the
 * debugger reads (`greeting_count`), calls a function to step into (`add_greeting`), prints
 * each step, then waits on an alarm so a debugger can watch it stay alive.
 */
#include "libtock-sync/services/alarm.h"
#include "libtock/printf.h"

static volatile int g_total;

__attribute__((noinline)) int add_greeting(int count) {
  g_total += count;
  return count + 1;
}

int main(void) {
  int greeting_count = 41;
  greeting_count = add_greeting(greeting_count);
  printf("debug_target: greeting_count=%d\n", greeting_count);
  for (int tick = 0; tick < 3; ++tick) {
    printf("debug_target: tick %d\n", tick);
    libtocksync_alarm_delay_ms(10);
  }
  printf("debug_target: done\n");
  return 0;
}
