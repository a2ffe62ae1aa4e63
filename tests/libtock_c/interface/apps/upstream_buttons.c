// Written the way upstream libtock-c's examples are (their include paths, their API, their
// structure: look up the count, register a callback per button, yield forever), with no
// tockpp-specific header: each press toggles the LED with the button's index.
#include <libtock-sync/interface/button.h>
#include <libtock/interface/button.h>
#include <libtock/interface/led.h>

static void pressed_or_released(__attribute__((unused)) returncode_t status, int which, bool down) {
  if (down) libtock_led_toggle(which);
}

int main(void) {
  int buttons;
  int err = libtocksync_button_count(&buttons);
  if (err < 0) return err;

  for (int b = 0; b < buttons; b++) {
    libtock_button_notify_on_press(b, pressed_or_released);
  }

  while (1) {
    yield();
  }
}
