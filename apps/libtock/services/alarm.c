// Virtual alarms over the kernel's one alarm per process.
//
// Pending alarms sit in `pending`, ordered by how many ticks each has left. "Ticks left" is
// measured from the alarm's own reference (now - reference, in wrapping 32-bit arithmetic), so
// the order is right across the counter's wrap; an alarm whose reference + dt the counter has
// passed has 0 left, exactly as the kernel treats an absolute alarm that is already behind it.
// The kernel is always armed for the head of the list. When it fires, every alarm with 0 ticks
// left moves to `due`, the kernel is re-armed for the new head, then the callbacks run (they may
// add or cancel alarms; a callback that yields may even see this upcall again, which simply
// drains `due` further).
//
// Millisecond alarms are chains of tick alarms: a period longer than the 32-bit counter runs as
// 2^31-tick steps followed by the remainder, each step starting where the previous was due.
// Nothing here divides 64-bit numbers, so Cortex-M apps need no runtime helpers.
#include "alarm.h"

#if defined(__has_include)
#if !__has_include(<sys/time.h>)
// No C library on the include path: the newlib layout of the one struct this file fills in.
struct timeval {
  int64_t tv_sec;
  long tv_usec;
};
#endif
#endif

#define STEP_TICKS 0x80000000u

static libtock_alarm_ticks_t* pending = NULL;  // soonest first
static libtock_alarm_ticks_t* due = NULL;      // expired, callback not run yet
static uint32_t cached_hz = 0;

static uint32_t tick_hz(void) {
  if (cached_hz == 0) {
    uint32_t hz = 0;
    if (libtock_alarm_command_get_frequency(&hz) == RETURNCODE_SUCCESS) cached_hz = hz;
  }
  return cached_hz;
}

// floor(part * 10^digits / hz) for part < hz: long division, one decimal digit at a time.
static uint32_t scaled_fraction(uint32_t part, uint32_t hz, int digits) {
  uint32_t result = 0;
  uint64_t rest = part;
  for (int i = 0; i < digits; ++i) {
    rest *= 10;
    uint32_t digit = 0;
    while (rest >= hz) {
      rest -= hz;
      ++digit;
    }
    result = result * 10 + digit;
  }
  return result;
}

// Exact floor(ms * hz / 1000), split so that only 32-bit divisions are needed.
static uint64_t ms_to_ticks(uint32_t ms) {
  const uint32_t hz = tick_hz();
  const uint32_t seconds = ms / 1000, millis = ms % 1000;
  const uint32_t per_ms = hz / 1000, per_ms_fraction = hz % 1000;
  return (uint64_t)seconds * hz + (uint64_t)millis * per_ms + (millis * per_ms_fraction) / 1000;
}

uint32_t libtock_alarm_ticks_to_ms(uint32_t ticks) {
  const uint32_t hz = tick_hz();
  if (hz == 0) return 0;
  return (ticks / hz) * 1000 + scaled_fraction(ticks % hz, hz, 3);
}

static uint32_t ticks_left(const libtock_alarm_ticks_t* a, uint32_t now) {
  const uint32_t elapsed = now - a->reference;
  return elapsed >= a->dt ? 0 : a->dt - elapsed;
}

static bool list_contains(const libtock_alarm_ticks_t* list, const libtock_alarm_ticks_t* a) {
  for (; list != NULL; list = list->next) {
    if (list == a) return true;
  }
  return false;
}

static void list_remove(libtock_alarm_ticks_t** list, libtock_alarm_ticks_t* a) {
  if (a->prev != NULL) {
    a->prev->next = a->next;
  } else {
    *list = a->next;
  }
  if (a->next != NULL) a->next->prev = a->prev;
  a->next = NULL;
  a->prev = NULL;
}

static void list_append(libtock_alarm_ticks_t** list, libtock_alarm_ticks_t* a) {
  libtock_alarm_ticks_t* last = *list;
  while (last != NULL && last->next != NULL) last = last->next;
  a->next = NULL;
  a->prev = last;
  if (last == NULL) {
    *list = a;
  } else {
    last->next = a;
  }
}

// Forgets `a` wherever it is queued (callers' structs may hold garbage links until first use,
// so membership is decided by walking the lists, never by reading `a`'s own links).
static bool forget(libtock_alarm_ticks_t* a) {
  if (list_contains(pending, a)) {
    const bool was_head = pending == a;
    list_remove(&pending, a);
    return was_head;
  }
  if (list_contains(due, a)) list_remove(&due, a);
  return false;
}

static void alarm_fired(int kernel_now, int scheduled, int unused, void* opaque);

// Points the kernel's alarm at the head of `pending`.
static int arm_kernel(bool stop_if_idle) {
  if (pending == NULL) {
    if (stop_if_idle) (void)libtock_alarm_command_stop();
    return RETURNCODE_SUCCESS;
  }
  int rc = libtock_alarm_set_upcall(alarm_fired, NULL);
  if (rc != RETURNCODE_SUCCESS) return rc;
  rc = libtock_alarm_command_set_absolute(pending->reference, pending->dt);
  if (rc != RETURNCODE_ENOSUPPORT) return rc;
  // A kernel without the absolute command (e.g. apps/testing's FakeKernel): arm relatively.
  uint32_t now, expiration;
  rc = libtock_alarm_command_read(&now);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_alarm_command_set_relative(ticks_left(pending, now), &expiration);
}

static void alarm_fired(int kernel_now, int scheduled, int unused, void* opaque) {
  (void)scheduled;
  (void)unused;
  (void)opaque;
  uint32_t now;
  if (libtock_alarm_command_read(&now) != RETURNCODE_SUCCESS) now = (uint32_t)kernel_now;
  while (pending != NULL && ticks_left(pending, now) == 0) {
    libtock_alarm_ticks_t* a = pending;
    list_remove(&pending, a);
    list_append(&due, a);
  }
  (void)arm_kernel(false);
  while (due != NULL) {
    libtock_alarm_ticks_t* a = due;
    list_remove(&due, a);
    if (a->callback != NULL) a->callback(now, a->reference + a->dt, a->ud);
  }
}

int libtock_alarm_at(uint32_t reference, uint32_t dt, libtock_alarm_callback callback, void* opaque,
                     libtock_alarm_ticks_t* alarm) {
  (void)forget(alarm);
  alarm->reference = reference;
  alarm->dt = dt;
  alarm->callback = callback;
  alarm->ud = opaque;
  alarm->next = NULL;
  alarm->prev = NULL;

  uint32_t now;
  int rc = libtock_alarm_command_read(&now);
  if (rc != RETURNCODE_SUCCESS) return rc;
  const uint32_t left = ticks_left(alarm, now);
  libtock_alarm_ticks_t* before = NULL;
  libtock_alarm_ticks_t* after = pending;
  while (after != NULL && ticks_left(after, now) <= left) {
    before = after;
    after = after->next;
  }
  alarm->prev = before;
  alarm->next = after;
  if (after != NULL) after->prev = alarm;
  if (before != NULL) {
    before->next = alarm;
    return RETURNCODE_SUCCESS;
  }
  pending = alarm;
  return arm_kernel(false);
}

void libtock_alarm_cancel(libtock_alarm_ticks_t* alarm) {
  if (forget(alarm)) (void)arm_kernel(true);
}

int libtock_alarm_gettimeasticks(struct timeval* tv) {
  const uint32_t hz = tick_hz();
  uint32_t now = 0;
  (void)libtock_alarm_command_read(&now);
  if (hz == 0) {
    tv->tv_sec = 0;
    tv->tv_usec = 0;
    return 0;
  }
  tv->tv_sec = now / hz;
  tv->tv_usec = scaled_fraction(now % hz, hz, 6);
  return 0;
}

static void ms_step(uint32_t now, uint32_t scheduled, void* opaque);

// Starts one period of `a` (ms long) counted from `reference`.
static int ms_start(libtock_alarm_t* a, uint32_t reference, uint32_t ms) {
  uint64_t total = ms_to_ticks(ms);
  uint32_t first = (uint32_t)total;
  a->overflows_left = 0;
  a->remaining_ticks = 0;
  if (total > UINT32_MAX) {
    first = STEP_TICKS;
    total -= STEP_TICKS;
    a->overflows_left = (uint32_t)(total >> 31);
    a->remaining_ticks = (uint32_t)(total & (STEP_TICKS - 1));
  }
  return libtock_alarm_at(reference, first, ms_step, a, &a->alarm);
}

static void ms_step(uint32_t now, uint32_t scheduled, void* opaque) {
  libtock_alarm_t* a = (libtock_alarm_t*)opaque;
  if (a->overflows_left > 0) {
    --a->overflows_left;
    (void)libtock_alarm_at(scheduled, STEP_TICKS, ms_step, a, &a->alarm);
    return;
  }
  if (a->remaining_ticks > 0) {
    const uint32_t dt = a->remaining_ticks;
    a->remaining_ticks = 0;
    (void)libtock_alarm_at(scheduled, dt, ms_step, a, &a->alarm);
    return;
  }
  // Repeating alarms start their next period at the tick this one was due: no drift.
  if (a->interval_ms != 0) (void)ms_start(a, scheduled, a->interval_ms);
  if (a->callback != NULL) a->callback(now, scheduled, a->user_data);
}

static int ms_begin(uint32_t ms, uint32_t interval_ms, libtock_alarm_callback cb, void* opaque,
                    libtock_alarm_t* alarm) {
  (void)forget(&alarm->alarm);
  alarm->interval_ms = interval_ms;
  alarm->callback = cb;
  alarm->user_data = opaque;
  uint32_t now;
  int rc = libtock_alarm_command_read(&now);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return ms_start(alarm, now, ms);
}

int libtock_alarm_in_ms(uint32_t ms, libtock_alarm_callback cb, void* opaque,
                        libtock_alarm_t* alarm) {
  return ms_begin(ms, 0, cb, opaque, alarm);
}

// A period of 0 ms fires once (repeating it would never let the app run anything else).
void libtock_alarm_repeating_every_ms(uint32_t ms, libtock_alarm_callback cb, void* opaque,
                                      libtock_alarm_t* alarm) {
  (void)ms_begin(ms, ms, cb, opaque, alarm);
}

void libtock_alarm_ms_cancel(libtock_alarm_t* alarm) {
  alarm->interval_ms = 0;
  libtock_alarm_cancel(&alarm->alarm);
}
