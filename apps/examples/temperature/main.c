/* temperature: reads the temperature sensor (driver 0x60000) once a second and prints it, e.g.
 * "Temperature: 21.50 deg C" (upstream's examples/sensors samples the same way). */
#include <libtock-sync/sensors/temperature.h>
#include <libtock-sync/services/alarm.h>
#include <stdio.h>

int main(void) {
  if (!libtocksync_temperature_exists()) {
    printf("temperature: no sensor\n");
    return -1;
  }
  for (;;) {
    int centi = 0;
    returncode_t rc = libtocksync_temperature_read(&centi);
    if (rc != RETURNCODE_SUCCESS) {
      printf("temperature: read failed: %s\n", tock_strrcode(rc));
      return -1;
    }
    const char* sign = centi < 0 ? "-" : "";
    const unsigned magnitude = centi < 0 ? 0u - (unsigned)centi : (unsigned)centi;
    printf("Temperature: %s%u.%02u deg C\n", sign, magnitude / 100, magnitude % 100);
    libtocksync_alarm_delay_ms(1000);
  }
}
