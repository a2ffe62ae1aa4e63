/* rx_stall: console input that arrives while no read is pending must not be lost or stall the
 * UART. The test types two bytes after "not reading" while the app waits 500 ms without a read
 * (the first byte waits in the UART, the second behind it); the read posted afterwards must get
 * both, and a later read must still receive. */
#include <stdint.h>
#include <stdio.h>

#include "libtock-sync/interface/console.h"
#include "libtock-sync/services/alarm.h"

static int read_exactly(uint8_t* buf, uint32_t n) {
  uint32_t total = 0;
  while (total < n) {
    uint32_t got = 0;
    if (libtocksync_console_read(buf + total, n - total, &got) != RETURNCODE_SUCCESS) return -1;
    total += got;
  }
  buf[n] = 0;
  return 0;
}

int main(void) {
  uint8_t buf[8];
  printf("rx_stall: not reading\n");
  libtocksync_alarm_delay_ms(500);
  if (read_exactly(buf, 2) != 0) {
    printf("rx_stall: FAIL read\n");
    return 1;
  }
  printf("rx_stall: got %s\n", (const char*)buf);
  printf("rx_stall: reading more\n");
  if (read_exactly(buf, 3) != 0) {
    printf("rx_stall: FAIL read\n");
    return 1;
  }
  printf("rx_stall: got %s\n", (const char*)buf);
  return 0;
}
