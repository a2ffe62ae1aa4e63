/* alarm_loop: ALARM_LOOP_COUNT one-tick alarm waits in a row, then one line. Each wait is an
 * alarm command, a yield, and an upcall delivered when the alarm fires: with two instances the
 * kernel switches between them on every wait. For benchmarks (tests/bench/tockd_bench.cc). */
#include "libtock/alarm.h"
#include "libtock/printf.h"
#include "libtock/tock.h"

#define ALARM_LOOP_COUNT 10000

static volatile int fired;

static void on_alarm(int now, int expiration, int unused, void* userdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  (void)userdata;
  fired = 1;
}

int main(void) {
  libtock_alarm_set_upcall(on_alarm, 0);
  for (int i = 0; i < ALARM_LOOP_COUNT; ++i) {
    fired = 0;
    uint32_t expiration;
    libtock_alarm_command_set_relative(1, &expiration);
    while (!fired) yield();
  }
  printf("alarm_loop: done\n");
  return 0;
}
