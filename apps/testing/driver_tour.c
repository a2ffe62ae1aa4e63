/* driver_tour: calls every thin driver wrapper once against the board's real capsules and
 * prints "<driver>: <returncodes>" lines (0 = success); tockd_app_test checks them.
 */
#include "libtock/alarm.h"
#include "libtock/button.h"
#include "libtock/console.h"
#include "libtock/gpio.h"
#include "libtock/led.h"
#include "libtock/low_level_debug.h"
#include "libtock/printf.h"
#include "libtock/rng.h"

int main(void) {
  int leds = 0, on = -1;
  int rc0 = libtock_led_count(&leds);
  int rc1 = libtock_led_on(0);
  int rc2 = libtock_led_read(0, &on);
  int rc3 = libtock_led_off(0);
  int rc4 = libtock_led_toggle(leds); /* one past the last LED */
  printf("led: %d %d %d %d %d on=%d count>0=%d\n", rc0, rc1, rc2, rc3, rc4, on, leds > 0);

  int buttons = 0, pressed = -1;
  rc0 = libtock_button_count(&buttons);
  rc1 = libtock_button_read(0, &pressed);
  rc2 = libtock_button_command_enable_interrupt(0);
  rc3 = libtock_button_command_disable_interrupt(0);
  printf("button: %d %d %d %d pressed=%d count>0=%d\n", rc0, rc1, rc2, rc3, pressed, buttons > 0);

  int pins = 0, level = -1;
  rc0 = libtock_gpio_count(&pins);
  rc1 = libtock_gpio_enable_output(0);
  rc2 = libtock_gpio_set(0);
  rc3 = libtock_gpio_enable_input(0, libtock_pull_down);
  rc4 = libtock_gpio_read(0, &level);
  int rc5 = libtock_gpio_disable(0);
  printf("gpio: %d %d %d %d %d %d count>0=%d\n", rc0, rc1, rc2, rc3, rc4, rc5, pins > 0);

  rc0 = libtock_lldb_print_u32(0x1234);
  rc1 = libtock_lldb_print_u32_u32(1, 2);
  printf("lldb: %d %d\n", rc0, rc1);

  uint32_t hz = 0, now = 0, exp = 0;
  rc0 = libtock_alarm_command_get_frequency(&hz);
  rc1 = libtock_alarm_command_read(&now);
  rc2 = libtock_alarm_command_set_relative(1000000, &exp);
  rc3 = libtock_alarm_command_stop();
  rc4 = libtock_alarm_command_stop(); /* nothing armed any more */
  rc5 = libtocksync_alarm_delay_ms(5);
  printf("alarm: %d %d %d %d %d %d hz>0=%d\n", rc0, rc1, rc2, rc3, rc4, rc5, hz > 0);

  uint8_t bytes[8];
  uint32_t got = 0;
  rc0 = libtocksync_rng_get_random_bytes(bytes, sizeof bytes, sizeof bytes, &got);
  printf("rng: %d got=%u\n", rc0, (unsigned)got);

  uint32_t written = 0;
  rc0 = libtocksync_console_write((const uint8_t*)"console: raw write\n", 19, &written);
  printf("console: %d written=%u exists=%d\n", rc0, (unsigned)written, libtock_console_exists());
  return 0;
}
