/* Temperature driver (0x60000), thin layer: ask for a reading, hear when it is ready. */
#ifndef TOCKPP_APPS_LIBTOCK_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_
#define TOCKPP_APPS_LIBTOCK_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_

#include "../../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_TEMPERATURE 0x60000

bool libtock_temperature_driver_exists(void);

/* Upcall arguments: (temperature in hundredths of a degree Celsius, 0, 0). */
returncode_t libtock_temperature_set_upcall(subscribe_upcall callback, void* opaque);

/* Starts a reading (one upcall when it is done). */
returncode_t libtock_temperature_command_read(void);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SENSORS_SYSCALLS_TEMPERATURE_SYSCALLS_H_
