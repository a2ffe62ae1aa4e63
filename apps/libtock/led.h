/* Compatibility forward: the LED API lives in libtock/interface/led.h and
 * libtock/interface/syscalls/led_syscalls.h, as in upstream libtock-c.
 */
#ifndef TOCKPP_APPS_LIBTOCK_LED_H_
#define TOCKPP_APPS_LIBTOCK_LED_H_

#include "libtock/interface/led.h"
#include "libtock/interface/syscalls/led_syscalls.h"

/* Older tockpp name, not in libtock-c: reads LED `led`'s state (command 4) into *on (0/1). */
static inline returncode_t libtock_led_read(int led, int* on) {
  uint32_t v = 0;
  int rc = tock_command_return_u32_to_returncode(command(DRIVER_NUM_LED, 4, led, 0), &v);
  if (rc == RETURNCODE_SUCCESS) *on = (int)v;
  return (returncode_t)rc;
}

#endif /* TOCKPP_APPS_LIBTOCK_LED_H_ */
