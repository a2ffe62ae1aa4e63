#include "alarm_syscalls.h"

enum {
  ALARM_CMD_FREQUENCY = 1,
  ALARM_CMD_READ = 2,
  ALARM_CMD_STOP = 3,
  ALARM_CMD_SET_RELATIVE = 5,
  ALARM_CMD_SET_ABSOLUTE = 6,
};

bool libtock_alarm_driver_exists(void) { return driver_exists(DRIVER_NUM_ALARM); }

int libtock_alarm_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(subscribe(DRIVER_NUM_ALARM, 0, callback, opaque));
}

int libtock_alarm_command_get_frequency(uint32_t* frequency) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, ALARM_CMD_FREQUENCY, 0, 0),
                                               frequency);
}

int libtock_alarm_command_read(uint32_t* time) {
  return tock_command_return_u32_to_returncode(command(DRIVER_NUM_ALARM, ALARM_CMD_READ, 0, 0),
                                               time);
}

int libtock_alarm_command_stop(void) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_ALARM, ALARM_CMD_STOP, 0, 0));
}

int libtock_alarm_command_set_relative(uint32_t dt, uint32_t* actual) {
  return tock_command_return_u32_to_returncode(
      command(DRIVER_NUM_ALARM, ALARM_CMD_SET_RELATIVE, (int)dt, 0), actual);
}

int libtock_alarm_command_set_absolute(uint32_t reference, uint32_t dt) {
  uint32_t expiration;  // the kernel reports it; callers already know reference + dt
  return tock_command_return_u32_to_returncode(
      command(DRIVER_NUM_ALARM, ALARM_CMD_SET_ABSOLUTE, (int)reference, (int)dt), &expiration);
}
