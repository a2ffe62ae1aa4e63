/* Blocking alarm primitive: Yield-WaitFor on the alarm upcall. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_SYSCALLS_ALARM_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_SYSCALLS_ALARM_SYSCALLS_H_

#include <libtock/peripherals/syscalls/alarm_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks until the kernel's alarm fires (no callback runs). */
returncode_t libtocksync_alarm_yield_wait_for(void);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_SERVICES_SYSCALLS_ALARM_SYSCALLS_H_
