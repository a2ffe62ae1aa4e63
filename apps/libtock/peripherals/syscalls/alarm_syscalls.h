/* Alarm driver (0x0), thin layer: one command or subscribe per function. The kernel keeps one
 * outstanding alarm per process; services/alarm.h multiplexes many on top of it. */
#ifndef TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_ALARM_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_ALARM_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_ALARM 0x0

bool libtock_alarm_driver_exists(void);

/* Upcall arguments: (now, expiration tick, 0). */
int libtock_alarm_set_upcall(subscribe_upcall callback, void* opaque);

/* Tick rate of the 32-bit counter in Hz. */
int libtock_alarm_command_get_frequency(uint32_t* frequency);

/* Current counter value (wraps at 2^32). */
int libtock_alarm_command_read(uint32_t* time);

/* Disarms the outstanding alarm (EALREADY if none). */
int libtock_alarm_command_stop(void);

/* Arms the alarm `dt` ticks from when the kernel handles the call; *actual = expiration tick. */
int libtock_alarm_command_set_relative(uint32_t dt, uint32_t* actual);

/* Arms the alarm at reference + dt (fires at once if that is already behind the counter). */
int libtock_alarm_command_set_absolute(uint32_t reference, uint32_t dt);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_PERIPHERALS_SYSCALLS_ALARM_SYSCALLS_H_
