#include "temperature.h"

#include "syscalls/temperature_syscalls.h"

// The driver reports (centi-degrees, 0, 0); the app's callback travels as the userdata.
static void temperature_ready(int centi_celsius, int unused1, int unused2, void* opaque) {
  (void)unused1;
  (void)unused2;
  libtock_temperature_callback cb = (libtock_temperature_callback)opaque;
  if (cb != NULL) cb(RETURNCODE_SUCCESS, centi_celsius);
}

bool libtock_temperature_exists(void) { return libtock_temperature_driver_exists(); }

returncode_t libtock_temperature_read(libtock_temperature_callback cb) {
  returncode_t rc = libtock_temperature_set_upcall(temperature_ready, (void*)cb);
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtock_temperature_command_read();
}
