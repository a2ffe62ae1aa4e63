/* humidity: reads the humidity sensor (driver 0x60001) once a second and prints it, e.g.
 * "Humidity: 45.50 %"; a failed reading is printed and the next one tried. */
#include <libtock-sync/sensors/humidity.h>
#include <libtock-sync/services/alarm.h>
#include <stdio.h>

int main(void) {
  if (!libtocksync_humidity_exists()) {
    printf("humidity: no sensor\n");
    return -1;
  }
  for (;;) {
    int centi = 0;
    returncode_t rc = libtocksync_humidity_read(&centi);
    if (rc == RETURNCODE_SUCCESS) {
      printf("Humidity: %d.%02d %%\n", centi / 100, centi % 100);
    } else {
      printf("humidity: read failed: %s\n", tock_strrcode(rc));
    }
    libtocksync_alarm_delay_ms(1000);
  }
}
