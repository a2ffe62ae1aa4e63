/* blink (QEMU test build): toggles LED 0 on every 100 ms alarm and counts the ticks on the
 * console, so the test sees both the LED changes and the alarm ticks. */
#include "libtock/alarm.h"
#include "libtock/led.h"
#include "libtock/printf.h"

int main(void) {
  for (int tick = 1;; ++tick) {
    if (libtock_led_toggle(0) != RETURNCODE_SUCCESS) {
      printf("blink: toggle failed\n");
      return -1;
    }
    if (libtocksync_alarm_delay_ms(100) != RETURNCODE_SUCCESS) {
      printf("blink: alarm failed\n");
      return -1;
    }
    printf("blink: tick %d\n", tick);
  }
}
