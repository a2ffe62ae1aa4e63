/* Alarm driver (0x0) wrappers (drivers-and-memory.md §3): frequency, now, arm relative,
 * stop, and a delay that yields until subscribe 0 fires.
 */
#include "libtock/alarm.h"

returncode_t libtock_alarm_command_get_frequency(uint32_t* hz) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 1, 0, 0), hz);
}

returncode_t libtock_alarm_command_read(uint32_t* ticks) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 2, 0, 0), ticks);
}

returncode_t libtock_alarm_command_set_relative(uint32_t dt, uint32_t* expiration) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, 5, (int)dt, 0),
                                               expiration);
}

returncode_t libtock_alarm_command_stop(void) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_ALARM, 3, 0, 0));
}

returncode_t libtock_alarm_set_upcall(subscribe_upcall cb, void* userdata) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_ALARM, 0, cb, userdata));
}

uint32_t libtock_alarm_ms_to_ticks(uint32_t ms, uint32_t hz) {
  uint32_t seconds = ms / 1000u;
  uint32_t rest_ms = ms % 1000u;
  return seconds * hz + (hz / 1000u) * rest_ms + ((hz % 1000u) * rest_ms) / 1000u;
}

static void delay_upcall(int now, int expiration, int unused, void* userdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  *(bool*)userdata = true;
}

returncode_t libtocksync_alarm_delay_ms(uint32_t ms) {
  uint32_t hz = 0;
  returncode_t rc = libtock_alarm_command_get_frequency(&hz);
  if (rc != RETURNCODE_SUCCESS) return rc;
  bool fired = false;
  rc = libtock_alarm_set_upcall(delay_upcall, &fired);
  if (rc != RETURNCODE_SUCCESS) return rc;
  uint32_t expiration = 0;
  rc = libtock_alarm_command_set_relative(libtock_alarm_ms_to_ticks(ms, hz), &expiration);
  if (rc == RETURNCODE_SUCCESS) yield_for(&fired);
  subscribe_return_t unsub = subscribe(DRIVER_NUM_ALARM, 0, TOCK_NULL_UPCALL, NULL);
  (void)unsub;
  return rc;
}
