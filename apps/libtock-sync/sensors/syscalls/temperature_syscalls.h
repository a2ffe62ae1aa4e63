/* Blocking temperature primitive: Yield-WaitFor on the "reading ready" upcall. */
#pragma once

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
