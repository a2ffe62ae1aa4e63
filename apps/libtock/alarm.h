/* Old flat header, kept for existing apps: forwards to the upstream layout
 * (libtock/peripherals/syscalls/alarm_syscalls.h, libtock/services/alarm.h,
 * libtock-sync/services/alarm.h). New code should include those directly. */
#ifndef TOCKPP_APPS_LIBTOCK_ALARM_H_
#define TOCKPP_APPS_LIBTOCK_ALARM_H_

#include "libtock-sync/services/alarm.h"
#include "libtock/peripherals/syscalls/alarm_syscalls.h"
#include "libtock/services/alarm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* tockpp-only (not in libtock-c): `ms` milliseconds in ticks of an `hz` counter, rounded down,
 * saturating at UINT32_MAX. */
uint32_t libtock_alarm_ms_to_ticks(uint32_t ms, uint32_t hz);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_ALARM_H_ */
