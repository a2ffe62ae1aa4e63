/* inspectee: an app for the introspection tests. It polls button 0 with the read command only
 * (commands allocate no grant), so until the button is pressed it holds no grant at all. On the
 * press it subscribes to the alarm, leaves a 32-byte buffer allowed read-write to the console
 * (read buffer, no read started), arms a 1 ms alarm and prints
 *   "inspectee: armed buffer=0x..."
 * (the alarm is armed right after that line), then keeps polling the button without yielding, so
 * the alarm's upcall stays queued. On the release it yields, takes the upcall and prints
 * "inspectee: fired", then waits forever.
 */
#include <stdint.h>

#include "libtock/alarm.h"
#include "libtock/button.h"
#include "libtock/console.h"
#include "libtock/printf.h"
#include "libtock/tock.h"

static bool g_fired;
static uint8_t g_rx[32];

static void on_alarm(int now, int expiration, int unused, void* userdata) {
  (void)now;
  (void)expiration;
  (void)unused;
  (void)userdata;
  g_fired = true;
}

static int pressed(void) {
  int p = 0;
  if (libtock_button_read(0, &p) != RETURNCODE_SUCCESS) return -1;
  return p;
}

int main(void) {
  while (pressed() == 0) {
  }
  if (libtock_alarm_set_upcall(on_alarm, NULL) != RETURNCODE_SUCCESS) {
    printf("inspectee: subscribe failed\n");
    return -1;
  }
  allow_rw_return_t allowed = allow_readwrite(DRIVER_NUM_CONSOLE, 1, g_rx, sizeof g_rx);
  if (!allowed.success) {
    printf("inspectee: allow failed\n");
    return -1;
  }
  uint32_t hz = 0;
  uint32_t expiration = 0;
  if (libtock_alarm_command_get_frequency(&hz) != RETURNCODE_SUCCESS) return -1;
  /* Print before arming: printf yields, and the alarm must not be taken by that yield. */
  printf("inspectee: armed buffer=0x%x\n", (unsigned)(uintptr_t)g_rx);
  const uint32_t dt = libtock_alarm_ms_to_ticks(1, hz);
  if (libtock_alarm_command_set_relative(dt, &expiration) != RETURNCODE_SUCCESS) return -1;
  while (pressed() == 1) {
  }
  yield_for(&g_fired);
  printf("inspectee: fired\n");
  for (;;) yield();
}
