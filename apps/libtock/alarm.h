/* Alarm driver (0x0): raw commands and a blocking delay built on subscribe + yield. */
#ifndef TOCKPP_APPS_LIBTOCK_ALARM_H_
#define TOCKPP_APPS_LIBTOCK_ALARM_H_

#include "libtock/tock.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DRIVER_NUM_ALARM 0x0u

returncode_t libtock_alarm_command_get_frequency(uint32_t* hz);
returncode_t libtock_alarm_command_read(uint32_t* ticks);
/* Arms the (single, per-process) alarm at now + dt ticks; *expiration = its tick. */
returncode_t libtock_alarm_command_set_relative(uint32_t dt, uint32_t* expiration);
returncode_t libtock_alarm_command_stop(void);
/* Upcall args: (now, expiration, 0). */
returncode_t libtock_alarm_set_upcall(subscribe_upcall cb, void* userdata);

/* Converts milliseconds to ticks at `hz` without 64-bit division. */
uint32_t libtock_alarm_ms_to_ticks(uint32_t ms, uint32_t hz);

/* Sleeps `ms` milliseconds: arms the alarm and yields until it fires (other upcalls may run
 * meanwhile). Uses the process's one alarm slot. */
returncode_t libtocksync_alarm_delay_ms(uint32_t ms);

#ifdef __cplusplus
}
#endif

#endif /* TOCKPP_APPS_LIBTOCK_ALARM_H_ */
