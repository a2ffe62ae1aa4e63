/* Attacker: an alarm upcall as often as the alarm allows. Arms the alarm one tick ahead and
 * waits for it, forever, printing "upcall_flood: <n>" every 256 upcalls.
 */
#include <stdbool.h>

#include "libtock/alarm.h"
#include "libtock/printf.h"

static void fired(int now, int expiration, int unused, void* userdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  *(bool*)userdata = true;
}

int main(void) {
  printf("upcall_flood: flooding\n");
  bool done = false;
  if (libtock_alarm_set_upcall(fired, &done) != RETURNCODE_SUCCESS) {
    printf("upcall_flood: subscribe failed\n");
    return -1;
  }
  for (unsigned n = 1;; ++n) {
    done = false;
    uint32_t expiration = 0;
    returncode_t rc = libtock_alarm_command_set_relative(1, &expiration);
    if (rc != RETURNCODE_SUCCESS) {
      printf("upcall_flood: arm failed: %s\n", tock_strrcode(rc));
      return -1;
    }
    yield_for(&done);
    if (n % 256 == 0) printf("upcall_flood: %u\n", n);
  }
}
