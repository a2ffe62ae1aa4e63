/* Blocking temperature primitive: Yield-WaitFor on the "reading ready" upcall. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_

#include <libtock/sensors/syscalls/temperature_syscalls.h>
#include <libtock/tock.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Blocks until the reading is in; *temp = hundredths of a degree Celsius. */
returncode_t libtocksync_temperature_yield_wait_for(int* temp);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_
