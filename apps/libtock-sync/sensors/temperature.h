/* Blocking temperature reading. */
#ifndef TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_TEMPERATURE_H_
#define TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_TEMPERATURE_H_

#include <libtock/tock.h>

#include "syscalls/temperature_syscalls.h"

#ifdef __cplusplus
extern "C" {
#endif

bool libtocksync_temperature_exists(void);

/* Reads the sensor; *temperature = hundredths of a degree Celsius. */
returncode_t libtocksync_temperature_read(int* temperature);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SYNC_SENSORS_TEMPERATURE_H_
