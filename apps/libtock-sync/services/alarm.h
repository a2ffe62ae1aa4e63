/* Blocking alarm helpers built on libtock/services/alarm.h (other alarms keep firing). */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_ALARM_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_ALARM_H_

#include <libtock/services/alarm.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns after `ms` milliseconds; RETURNCODE_SUCCESS or the driver's error. */
int libtocksync_alarm_delay_ms(uint32_t ms);

/* Yields until *cond is true (RETURNCODE_SUCCESS) or `ms` milliseconds pass (RETURNCODE_FAIL). */
int libtocksync_alarm_yield_for_with_timeout(bool* cond, uint32_t ms);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_ALARM_H_
