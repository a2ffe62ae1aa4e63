/* buttons: every press of button i toggles LED i (mod LED count) and prints a line.
 * Work happens in the callback; main enables the buttons and then only yields.
 */
#include <libtock/interface/button.h>
#include <libtock/interface/led.h>

#include "libtock/printf.h"

static int led_count;

static void button_changed(returncode_t status, int button, bool pressed) {
  if (status != RETURNCODE_SUCCESS || !pressed) return;
  int led = led_count > 0 ? button % led_count : 0;
  returncode_t rc = libtock_led_toggle(led);
  printf("buttons: button %d pressed, LED %d toggled (%s)\n", button, led, tock_strrcode(rc));
}

int main(void) {
  int buttons = 0;
  returncode_t rc = libtock_button_count(&buttons);
  if (rc != RETURNCODE_SUCCESS || buttons < 1) {
    printf("buttons: no button (%s)\n", tock_strrcode(rc));
    return -1;
  }
  if (libtock_led_count(&led_count) != RETURNCODE_SUCCESS) led_count = 0;
  for (int i = 0; i < buttons; ++i) {
    rc = libtock_button_notify_on_press(i, button_changed);
    if (rc != RETURNCODE_SUCCESS) printf("buttons: enable %d: %s\n", i, tock_strrcode(rc));
  }
  printf("buttons: ready, %d buttons, %d LEDs\n", buttons, led_count);
  /* The upcall does the work; returning from main would exit the app (crt0: exit(main())). */
  for (;;) yield();
}
