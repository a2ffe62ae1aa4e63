/* blink: toggles LED 0 once per second forever (60 toggles in 60 s of virtual time),
 * sleeping on the alarm in between like upstream libtock-c's blink.
 */
#include <libtock/interface/led.h>

#include "libtock/alarm.h"
#include "libtock/printf.h"

#ifndef BLINK_PERIOD_MS
#define BLINK_PERIOD_MS 1000u
#endif

int main(void) {
  int leds = 0;
  returncode_t rc = libtock_led_count(&leds);
  if (rc != RETURNCODE_SUCCESS || leds < 1) {
    printf("blink: no LED (%s)\n", tock_strrcode(rc));
    return -1;
  }
  printf("blink: toggling LED 0 every %u ms\n", BLINK_PERIOD_MS);
  for (;;) {
    rc = libtock_led_toggle(0);
    if (rc != RETURNCODE_SUCCESS) printf("blink: toggle failed: %s\n", tock_strrcode(rc));
    rc = libtocksync_alarm_delay_ms(BLINK_PERIOD_MS);
    if (rc != RETURNCODE_SUCCESS) {
      printf("blink: alarm failed: %s\n", tock_strrcode(rc));
      return -1;
    }
  }
}
