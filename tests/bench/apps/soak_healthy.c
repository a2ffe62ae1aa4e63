/* soak_healthy: prints "<name>: <n> <check>" for n = 0, 1, 2, ... forever, one line every
 * SOAK_HEALTHY_DELAY_MS, where <name> is the app's TBF package name and <check> is n scrambled
 * (8 hex digits) so that a garbled or spliced line is detectable. The soak (tests/bench/soak.h)
 * checks that every line is present, in order and intact. */
#include <stdint.h>

#include "libtock/alarm.h"
#include "libtock/app_info.h"
#include "libtock/printf.h"

#ifndef SOAK_HEALTHY_DELAY_MS
#define SOAK_HEALTHY_DELAY_MS 20u
#endif

/* Must match SoakCheck() in tests/bench/soak.cc. */
static uint32_t check(uint32_t n) { return (n * 2654435761u) ^ 0x5a5a5a5au; }

int main(void) {
  char name[32];
  if (libtock_app_package_name(name, sizeof name) <= 0) snprintf(name, sizeof name, "soak_healthy");
  for (uint32_t n = 0;; ++n) {
    printf("%s: %u %08x\n", name, (unsigned)n, (unsigned)check(n));
    returncode_t rc = libtocksync_alarm_delay_ms(SOAK_HEALTHY_DELAY_MS);
    if (rc != RETURNCODE_SUCCESS) {
      printf("%s: alarm failed: %s\n", name, tock_strrcode(rc));
      return -1;
    }
  }
}
