/* Alarm conformance: every public function of libtock/peripherals/syscalls/alarm_syscalls.h,
 * libtock/services/alarm.h and libtock-sync/services/alarm.h under tockd --time=virtual. Each
 * line is checked by drivers_test.cc. */
#include <libtock-sync/services/alarm.h>
#include <libtock-sync/services/syscalls/alarm_syscalls.h>
#include <libtock/peripherals/syscalls/alarm_syscalls.h>
#include <libtock/services/alarm.h>

#include "libtock/printf.h"

#if defined(__has_include)
#if !__has_include(<sys/time.h>)
struct timeval {
  int64_t tv_sec;
  long tv_usec;
};
#endif
#endif

static uint32_t hz;
static char order[16];
static int fired;

static uint32_t ticks_of_ms(uint32_t ms) { return (uint32_t)((uint64_t)ms * hz / 1000); }

static void record(uint32_t now, uint32_t scheduled, void* opaque) {
  (void)now;
  (void)scheduled;
  order[fired++] = (char)(uintptr_t)opaque;
}

static uint32_t at_now, at_scheduled, at_expected;
static bool at_done;
static void at_cb(uint32_t now, uint32_t scheduled, void* opaque) {
  (void)opaque;
  at_now = now;
  at_scheduled = scheduled;
  at_done = true;
}

static libtock_alarm_t repeating;
static uint32_t rep_times[4];
static int rep_count;
static bool rep_done;
static void rep_cb(uint32_t now, uint32_t scheduled, void* opaque) {
  (void)now;
  (void)opaque;
  rep_times[rep_count++] = scheduled;
  if (rep_count == 3) {
    libtock_alarm_ms_cancel(&repeating);
    rep_done = true;
  }
}

static void set_true(uint32_t now, uint32_t scheduled, void* opaque) {
  (void)now;
  (void)scheduled;
  *(bool*)opaque = true;
}

static void wait_fired(int n) {
  while (fired < n) yield();
}

static int raw_upcalls;
/* A real function, so an upcall that comes before the wait is queued rather than dropped. */
static void raw_upcall(int a, int b, int c, void* opaque) {
  (void)a;
  (void)b;
  (void)c;
  (void)opaque;
  ++raw_upcalls;
}

int main(void) {
  printf("alarm: exists=%d\n", libtock_alarm_driver_exists());
  int rc = libtock_alarm_command_get_frequency(&hz);
  printf("alarm: frequency rc=%d nonzero=%d\n", rc, hz != 0);
  printf("alarm: ticks_to_ms(hz)=%u ticks_to_ms(hz/2)=%u\n",
         (unsigned)libtock_alarm_ticks_to_ms(hz), (unsigned)libtock_alarm_ticks_to_ms(hz / 2));

  /* Raw layer: relative arm, stop, stop again (nothing armed: EALREADY). */
  uint32_t now = 0, expiration = 0;
  rc = libtock_alarm_command_read(&now);
  int rc2 = libtock_alarm_command_set_relative(hz, &expiration);
  int rc3 = libtock_alarm_command_stop();
  int rc4 = libtock_alarm_command_stop();
  printf("alarm: raw read=%d relative=%d exp_ok=%d stop=%d stop_again=%d\n", rc, rc2,
         expiration - now >= hz && expiration - now <= 2 * hz, rc3, rc4);
  /* set_absolute + set_upcall + the sync yield-wait-for primitive. */
  rc = libtock_alarm_set_upcall(raw_upcall, NULL);
  (void)libtock_alarm_command_read(&now);
  rc2 = libtock_alarm_command_set_absolute(now, 10);
  rc3 = libtocksync_alarm_yield_wait_for();
  uint32_t after = 0;
  (void)libtock_alarm_command_read(&after);
  printf("alarm: upcall=%d absolute=%d yield_wait_for=%d waited=%d\n", rc, rc2, rc3,
         after - now >= 10);

  /* Several alarms at once fire in expiry order; a cancelled one never fires. */
  libtock_alarm_t a, b, c, e;
  libtock_alarm_ticks_t d;
  (void)libtock_alarm_command_read(&now);
  int r0 = libtock_alarm_in_ms(30, record, (void*)'A', &a);
  int r1 = libtock_alarm_in_ms(10, record, (void*)'B', &b);
  int r2 = libtock_alarm_in_ms(20, record, (void*)'C', &c);
  int r3 = libtock_alarm_at(now, ticks_of_ms(5), record, (void*)'D', &d);
  int r4 = libtock_alarm_in_ms(25, record, (void*)'E', &e);
  libtock_alarm_ms_cancel(&e);
  wait_fired(4);
  libtocksync_alarm_delay_ms(50); /* E would have fired by now */
  printf("alarm: rcs=%d %d %d %d %d order=%s\n", r0, r1, r2, r3, r4, order);

  /* alarm_at's callback gets (now, reference + dt) with now at or after it. */
  (void)libtock_alarm_command_read(&now);
  at_expected = now + ticks_of_ms(7);
  rc = libtock_alarm_at(now, ticks_of_ms(7), at_cb, NULL, &d);
  yield_for(&at_done);
  printf("alarm: at rc=%d scheduled_ok=%d not_early=%d\n", rc, at_scheduled == at_expected,
         at_now - at_scheduled < 0x80000000u);

  /* Cancel a tick alarm. */
  fired = 0;
  order[0] = 0;
  (void)libtock_alarm_command_read(&now);
  libtock_alarm_at(now, ticks_of_ms(5), record, (void*)'X', &d);
  libtock_alarm_cancel(&d);
  libtocksync_alarm_delay_ms(20);
  printf("alarm: cancelled fired=%d\n", fired);

  /* Repeating: three periods, each exactly one period after the last (no drift). */
  libtock_alarm_repeating_every_ms(10, rep_cb, NULL, &repeating);
  yield_for(&rep_done);
  libtocksync_alarm_delay_ms(50);
  printf("alarm: repeating count=%d periods_exact=%d\n", rep_count,
         rep_times[1] - rep_times[0] == ticks_of_ms(10) &&
             rep_times[2] - rep_times[1] == ticks_of_ms(10));

  /* delay_ms blocks at least that long. */
  (void)libtock_alarm_command_read(&now);
  rc = libtocksync_alarm_delay_ms(100);
  (void)libtock_alarm_command_read(&after);
  printf("alarm: delay rc=%d at_least=%d\n", rc, after - now >= ticks_of_ms(100));

  /* yield_for_with_timeout: FAIL on timeout, SUCCESS when the condition comes first. */
  bool never = false;
  rc = libtocksync_alarm_yield_for_with_timeout(&never, 20);
  bool soon = false;
  libtock_alarm_t soon_alarm;
  libtock_alarm_in_ms(5, set_true, &soon, &soon_alarm);
  rc2 = libtocksync_alarm_yield_for_with_timeout(&soon, 50);
  printf("alarm: timeout=%d cond=%d\n", rc, rc2);

  /* gettimeasticks matches the counter. */
  struct timeval tv;
  rc = libtock_alarm_gettimeasticks(&tv);
  (void)libtock_alarm_command_read(&now);
  printf("alarm: gettimeasticks rc=%d usec_ok=%d sec_ok=%d\n", rc,
         tv.tv_usec >= 0 && tv.tv_usec < 1000000, (uint32_t)tv.tv_sec <= now / hz);

  /* Across the 32-bit wrap: wait until 50 ms before it, then arm alarms on both sides. */
  bool near = false;
  libtock_alarm_ticks_t big;
  (void)libtock_alarm_command_read(&now);
  libtock_alarm_at(now, (0u - now) - ticks_of_ms(50), set_true, &near, &big);
  yield_for(&near);
  uint32_t before_wrap = 0;
  (void)libtock_alarm_command_read(&before_wrap);
  fired = 0;
  libtock_alarm_ticks_t w1, w2;
  libtock_alarm_t w3;
  libtock_alarm_at(before_wrap, ticks_of_ms(100), record, (void*)'1', &w1); /* after the wrap */
  libtock_alarm_at(before_wrap, ticks_of_ms(20), record, (void*)'2', &w2);  /* before it */
  libtock_alarm_in_ms(200, record, (void*)'3', &w3);                        /* well after */
  wait_fired(3);
  order[3] = 0;
  (void)libtock_alarm_command_read(&after);
  printf("alarm: wrap near=%d order=%s wrapped=%d\n", 0u - before_wrap <= ticks_of_ms(60), order,
         after < before_wrap);

  /* An in_ms period longer than the 32-bit counter still fires, on time. */
  const uint32_t long_ms = libtock_alarm_ticks_to_ms(0xFFFFFFFFu) + 3000;
  bool long_done = false;
  libtock_alarm_t long_alarm;
  (void)libtock_alarm_command_read(&now);
  libtock_alarm_in_ms(long_ms, set_true, &long_done, &long_alarm);
  yield_for(&long_done);
  (void)libtock_alarm_command_read(&after);
  const uint32_t expect = (uint32_t)((uint64_t)long_ms * hz / 1000); /* mod 2^32 */
  printf("alarm: long fired=1 late_ticks_ok=%d\n", (after - now) - expect < hz);

  printf("alarm: done\n");
  tock_exit(0);
}
