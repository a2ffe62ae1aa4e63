#include "temperature.h"

bool libtocksync_temperature_exists(void) { return libtock_temperature_driver_exists(); }

returncode_t libtocksync_temperature_read(int* temperature) {
  returncode_t rc = libtock_temperature_command_read();
  if (rc != RETURNCODE_SUCCESS) return rc;
  return libtocksync_temperature_yield_wait_for(temperature);
}
