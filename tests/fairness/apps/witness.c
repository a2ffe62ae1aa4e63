/* witness: a fixed amount of work made of system calls, for the fairness suite. Prints
 * "witness: ready" and waits for one console byte (the test sends it once its attack is under
 * way), prints "witness: go", then "witness: <i>" for i = 0..WITNESS_ITERATIONS-1, sleeping
 * WITNESS_DELAY_MS on the alarm after each line, then "witness: done".
 */
#include <stdint.h>

#include "libtock/alarm.h"
#include "libtock/console.h"
#include "libtock/printf.h"

#ifndef WITNESS_ITERATIONS
#define WITNESS_ITERATIONS 10
#endif
#ifndef WITNESS_DELAY_MS
#define WITNESS_DELAY_MS 1u
#endif

int main(void) {
  printf("witness: ready\n");
  uint8_t byte = 0;
  uint32_t got = 0;
  while (got == 0) {
    returncode_t rc = libtocksync_console_read(&byte, 1, &got);
    if (rc != RETURNCODE_SUCCESS) {
      printf("witness: read failed: %s\n", tock_strrcode(rc));
      return -1;
    }
  }
  printf("witness: go\n");
  for (int i = 0; i < WITNESS_ITERATIONS; ++i) {
    printf("witness: %d\n", i);
    returncode_t rc = libtocksync_alarm_delay_ms(WITNESS_DELAY_MS);
    if (rc != RETURNCODE_SUCCESS) {
      printf("witness: alarm failed: %s\n", tock_strrcode(rc));
      return -1;
    }
  }
  printf("witness: done\n");
  return 0;
}
