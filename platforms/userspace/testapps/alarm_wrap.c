/* alarm_wrap: alarms across the 32-bit wrap of the alarm counter (at 25 MHz every ~172 s; under
 * QEMU's -icount sleep=off the wait takes no real time).
 *
 * Part 1, near the wrap: once the counter is 1.5 s short of 2^32, three alarms are set at once:
 * 500 ms (due before the wrap), 2000 ms (due after it: its expiration is below its reference)
 * and 4000 ms. They must fire in that order, each within 1 ms after its expiration.
 * Part 2, an earlier alarm due across a whole wrap (upstream libtock-c's
 * multi_alarm_dont_ignore_previous_overflow): alarm 1 in (one counter period + 1 s), then a
 * delay of (one period + 10 ms), then alarm 2 in 10 s. Alarm 1, due first, must fire first and
 * on time, then alarm 2. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libtock-sync/services/alarm.h"
#include "libtock/peripherals/syscalls/alarm_syscalls.h"
#include "libtock/services/alarm.h"
#include "libtock/tock.h"

#define MAX_EVENTS 3

static uint32_t hz;
static int order[MAX_EVENTS];
static int32_t lateness[MAX_EVENTS];
static uint32_t expirations[MAX_EVENTS];
static int count;

static void on_alarm(uint32_t now, uint32_t expiration, void* ud) {
  if (count < MAX_EVENTS) {
    order[count] = (int)(uintptr_t)ud;
    lateness[count] = (int32_t)(now - expiration);
    expirations[count] = expiration;
  }
  ++count;
}

static bool all_on_time(int n) {
  bool ok = true;
  for (int i = 0; i < n; ++i) {
    ok = ok && lateness[i] >= 0 && (uint32_t)lateness[i] <= hz / 1000;
  }
  return ok;
}

static void print_events(const char* part, int n) {
  printf("alarm_wrap: %s fired:", part);
  for (int i = 0; i < n; ++i) {
    printf(" %d (+%ld ticks)", order[i], (long)lateness[i]);
  }
  printf("\n");
}

static bool near_the_wrap(void) {
  libtock_alarm_t a1, a2, a3;
  uint32_t now = 0;
  libtock_alarm_command_read(&now);
  const uint32_t target = 0u - hz / 2 * 3; /* 1.5 s before the wrap */
  if (now < target) libtocksync_alarm_delay_ms(libtock_alarm_ticks_to_ms(target - now));
  uint32_t start = 0;
  libtock_alarm_command_read(&start);
  printf("alarm_wrap: near the wrap, %lu ticks to go\n", (unsigned long)(0u - start));
  count = 0;
  libtock_alarm_in_ms(4000, on_alarm, (void*)3, &a3);
  libtock_alarm_in_ms(500, on_alarm, (void*)1, &a1);
  libtock_alarm_in_ms(2000, on_alarm, (void*)2, &a2);
  while (count < 3) yield();
  print_events("near the wrap", 3);
  const bool order_ok = order[0] == 1 && order[1] == 2 && order[2] == 3;
  /* Alarm 2 is due after the wrap: its expiration is below the counter at arming. */
  const bool wrapped = expirations[1] < start && expirations[0] > start;
  const bool ok = order_ok && wrapped && all_on_time(3);
  printf("alarm_wrap: near the wrap order %s, across the wrap %s, %s\n",
         order_ok ? "1 2 3" : "WRONG", wrapped ? "yes" : "NO", all_on_time(3) ? "on time" : "LATE");
  return ok;
}

static bool earlier_across_a_whole_wrap(void) {
  libtock_alarm_t a1, a2;
  const uint32_t period_ms = libtock_alarm_ticks_to_ms(UINT32_MAX);
  count = 0;
  libtock_alarm_in_ms(period_ms + 1000, on_alarm, (void*)1, &a1);
  libtocksync_alarm_delay_ms(period_ms + 10);
  libtock_alarm_in_ms(10000, on_alarm, (void*)2, &a2);
  while (count < 2) yield();
  print_events("whole wrap", 2);
  const bool order_ok = order[0] == 1 && order[1] == 2;
  printf("alarm_wrap: whole wrap order %s, %s\n", order_ok ? "1 2" : "WRONG",
         all_on_time(2) ? "on time" : "LATE");
  return order_ok && all_on_time(2);
}

int main(void) {
  libtock_alarm_command_get_frequency(&hz);
  printf("alarm_wrap: frequency %lu Hz\n", (unsigned long)hz);
  const bool ok = near_the_wrap() && earlier_across_a_whole_wrap();
  printf("alarm_wrap: %s\n", ok ? "done" : "FAILED");
  return ok ? 0 : 1;
}
