/* A well-behaved app that needs the CPU often: prints "ticker: <n>" every TICKER_DELAY_MS,
 * forever. The fairness suite stops it from outside (SIGSTOP) or with control commands and
 * checks that the witness beside it keeps running and that the ticker resumes.
 */
#include "libtock/alarm.h"
#include "libtock/printf.h"

#ifndef TICKER_DELAY_MS
#define TICKER_DELAY_MS 2u
#endif

int main(void) {
  for (unsigned n = 0;; ++n) {
    printf("ticker: %u\n", n);
    returncode_t rc = libtocksync_alarm_delay_ms(TICKER_DELAY_MS);
    if (rc != RETURNCODE_SUCCESS) {
      printf("ticker: alarm failed: %s\n", tock_strrcode(rc));
      return -1;
    }
  }
}
