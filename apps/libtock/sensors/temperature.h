/* Temperature sensor, asynchronous: one reading per libtock_temperature_read. */
#ifndef TOCKPP_APPS_LIBTOCK_SENSORS_TEMPERATURE_H_
#define TOCKPP_APPS_LIBTOCK_SENSORS_TEMPERATURE_H_

#include "../tock.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Called with the status and the temperature in hundredths of a degree Celsius. */
typedef void (*libtock_temperature_callback)(returncode_t, int);

bool libtock_temperature_exists(void);

/* Starts a reading; `cb` gets the result. */
returncode_t libtock_temperature_read(libtock_temperature_callback cb);

#ifdef __cplusplus
}
#endif

#endif  // TOCKPP_APPS_LIBTOCK_SENSORS_TEMPERATURE_H_
