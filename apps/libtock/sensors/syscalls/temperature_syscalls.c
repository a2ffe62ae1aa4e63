#include "temperature_syscalls.h"

bool libtock_temperature_driver_exists(void) { return driver_exists(DRIVER_NUM_TEMPERATURE); }

returncode_t libtock_temperature_set_upcall(subscribe_upcall callback, void* opaque) {
  return tock_subscribe_return_to_returncode(
      subscribe(DRIVER_NUM_TEMPERATURE, 0, callback, opaque));
}

returncode_t libtock_temperature_command_read(void) {
  return tock_command_return_novalue_to_returncode(command(DRIVER_NUM_TEMPERATURE, 1, 0, 0));
}
