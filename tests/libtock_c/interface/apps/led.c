/* led: every function of libtock/interface/led.h and syscalls/led_syscalls.h. Prints
 * "led: <what> <values>" lines and switches LEDs the test watches through the control socket.
 */
#include "libtock/led.h" /* flat compatibility header: libtock_led_read */

#include <libtock/interface/led.h>
#include <libtock/interface/syscalls/led_syscalls.h>

#include "libtock/printf.h"

int main(void) {
  printf("led: exists %d %d\n", libtock_led_exists(), libtock_led_driver_exists());
  int count = -1, count2 = -1;
  int rc = libtock_led_count(&count);
  int rc2 = libtock_led_command_count(&count2);
  printf("led: count rc=%d %d rc=%d %d\n", rc, count, rc2, count2);

  int on = -1;
  rc = libtock_led_on(0);
  rc2 = libtock_led_read(0, &on);
  printf("led: on(0) rc=%d read rc=%d state=%d\n", rc, rc2, on);
  rc = libtock_led_off(0);
  libtock_led_read(0, &on);
  printf("led: off(0) rc=%d state=%d\n", rc, on);
  rc = libtock_led_toggle(1);
  libtock_led_read(1, &on);
  printf("led: toggle(1) rc=%d state=%d\n", rc, on);
  rc = libtock_led_toggle(1);
  libtock_led_read(1, &on);
  printf("led: toggle(1) again rc=%d state=%d\n", rc, on);
  rc = libtock_led_command_on(2);
  libtock_led_read(2, &on);
  printf("led: command_on(2) rc=%d state=%d\n", rc, on);
  rc = libtock_led_command_off(2);
  libtock_led_read(2, &on);
  printf("led: command_off(2) rc=%d state=%d\n", rc, on);
  rc = libtock_led_command_toggle(3);
  libtock_led_read(3, &on);
  printf("led: command_toggle(3) rc=%d state=%d\n", rc, on);

  printf("led: out of range %d %d %d %d %d %d\n", libtock_led_on(count), libtock_led_off(count),
         libtock_led_toggle(count), libtock_led_command_on(-1), libtock_led_command_off(count),
         libtock_led_command_toggle(count));
  printf("led: done\n");
  tock_exit(0);
}
