/* counter: prints "<name>: <n>" for n = 0..COUNTER_ITERATIONS-1, sleeping COUNTER_DELAY_MS
 * between lines, where <name> is the app's TBF package name. Two instances with different
 * names print interleaved.
 */
#include "libtock/alarm.h"
#include "libtock/app_info.h"
#include "libtock/printf.h"

#ifndef COUNTER_ITERATIONS
#define COUNTER_ITERATIONS 10
#endif
#ifndef COUNTER_DELAY_MS
#define COUNTER_DELAY_MS 100u
#endif

int main(void) {
  char name[32];
  if (libtock_app_package_name(name, sizeof name) <= 0) snprintf(name, sizeof name, "counter");
  for (int n = 0; n < COUNTER_ITERATIONS; ++n) {
    printf("%s: %d\n", name, n);
    returncode_t rc = libtocksync_alarm_delay_ms(COUNTER_DELAY_MS);
    if (rc != RETURNCODE_SUCCESS) {
      printf("%s: alarm failed: %s\n", name, tock_strrcode(rc));
      return -1;
    }
  }
  printf("%s: done\n", name);
  return 0;
}
