/* alarm_far: alarms far in the future (2 s and 60 s) must fire on time, measured in the alarm's
 * own ticks: not before their expiration and at most 1 ms after it (upstream libtock-c's
 * alarm_in_overflow criterion). Under QEMU's -icount sleep=off the board's idle periods take
 * no real time, so the wait is short and the lateness is exact. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libtock/peripherals/syscalls/alarm_syscalls.h"
#include "libtock/services/alarm.h"
#include "libtock/tock.h"

static bool fired;
static uint32_t fired_now, fired_expiration;

static void on_alarm(uint32_t now, uint32_t expiration, void* ud) {
  (void)ud;
  fired_now = now;
  fired_expiration = expiration;
  fired = true;
}

/* Returns true if an alarm of `ms` fired within 1 ms after its expiration. */
static bool check(uint32_t ms, uint32_t hz) {
  libtock_alarm_t alarm;
  uint32_t start = 0;
  fired = false;
  libtock_alarm_command_read(&start);
  if (libtock_alarm_in_ms(ms, on_alarm, NULL, &alarm) != RETURNCODE_SUCCESS) {
    printf("alarm_far: FAIL arming %lu ms\n", (unsigned long)ms);
    return false;
  }
  yield_for(&fired);
  const int32_t late = (int32_t)(fired_now - fired_expiration);
  const uint32_t span = fired_expiration - start;
  /* The expiration the library chose: ms in ticks, from about the start (the reference is read
   * a few instructions after `start`). */
  const uint32_t want = (uint32_t)((uint64_t)ms * hz / 1000);
  const bool span_ok = span >= want && span - want < hz / 1000;
  const bool ok = late >= 0 && (uint32_t)late <= hz / 1000 && span_ok;
  printf("alarm_far: %lu ms: expiration start+%lu ticks, fired %ld ticks after it\n",
         (unsigned long)ms, (unsigned long)span, (long)late);
  printf("alarm_far: %lu ms %s\n", (unsigned long)ms, ok ? "on time" : "FAIL");
  return ok;
}

int main(void) {
  uint32_t hz = 0;
  libtock_alarm_command_get_frequency(&hz);
  printf("alarm_far: frequency %lu Hz\n", (unsigned long)hz);
  const bool ok = check(2000, hz) && check(60000, hz);
  printf("alarm_far: %s\n", ok ? "done" : "FAILED");
  return ok ? 0 : 1;
}
