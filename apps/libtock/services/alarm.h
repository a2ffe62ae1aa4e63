/* Alarms: any number of one-shot (tick- or millisecond-based) and repeating alarms in one app,
 * multiplexed over the kernel's single per-process alarm. The counter is 32 bits wide and wraps;
 * its rate comes from the driver (at least 1 kHz). Alarm structs belong to the caller and must
 * stay alive while the alarm is pending. */
#ifndef TOCKPP_APPS_LIBTOCK_SERVICES_ALARM_H_
#define TOCKPP_APPS_LIBTOCK_SERVICES_ALARM_H_

#if defined(__has_include)
#if __has_include(<sys/time.h>)
#include <sys/time.h>
#endif
#endif

#include "../peripherals/syscalls/alarm_syscalls.h"
#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

struct timeval;

/* Called with (counter now, tick the alarm was due, opaque). */
typedef void (*libtock_alarm_callback)(uint32_t, uint32_t, void*);

/* Ticks of the alarm counter to milliseconds (rounded down). */
uint32_t libtock_alarm_ticks_to_ms(uint32_t);

/* A tick-based one-shot alarm: due at reference + dt. */
typedef struct alarm {
  uint32_t reference;
  uint32_t dt;
  libtock_alarm_callback callback;
  void* ud;
  struct alarm* next;
  struct alarm* prev;
} libtock_alarm_ticks_t;

/* A millisecond-based alarm (one-shot or repeating); may span more than 2^32 ticks. */
typedef struct alarm_data {
  uint32_t interval_ms;
  uint32_t overflows_left;
  uint32_t remaining_ticks;
  libtock_alarm_callback callback;
  void* user_data;
  libtock_alarm_ticks_t alarm;
} libtock_alarm_t;

/* Fires `callback` once the counter has advanced `dt` ticks past `reference`. Returns
 * RETURNCODE_SUCCESS or the driver's error. */
int libtock_alarm_at(uint32_t reference, uint32_t dt, libtock_alarm_callback callback, void* opaque,
                     libtock_alarm_ticks_t* alarm);

/* Removes a pending alarm (no effect if it already fired or was cancelled). */
void libtock_alarm_cancel(libtock_alarm_ticks_t* alarm);

/* The counter as seconds and microseconds since it was 0. Returns 0. */
int libtock_alarm_gettimeasticks(struct timeval* tv) __attribute__((nonnull));

/* Fires `cb` once, `ms` milliseconds from now. */
int libtock_alarm_in_ms(uint32_t ms, libtock_alarm_callback cb, void* opaque,
                        libtock_alarm_t* alarm);

/* Fires `cb` every `ms` milliseconds (drift-free: each period starts where the last was due). */
void libtock_alarm_repeating_every_ms(uint32_t ms, libtock_alarm_callback cb, void* opaque,
                                      libtock_alarm_t* alarm);

/* Stops a millisecond alarm, one-shot or repeating. */
void libtock_alarm_ms_cancel(libtock_alarm_t* alarm);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SERVICES_ALARM_H_
