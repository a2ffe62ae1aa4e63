/* echo: reads four bytes from the console (UART receive path: RX interrupt, mux, console read
 * allow) and prints them back. */
#include <stdint.h>

#include "libtock/console.h"
#include "libtock/printf.h"

int main(void) {
  uint8_t buf[5] = {0};
  uint32_t total = 0;
  printf("echo: ready\n");
  while (total < 4) {
    uint32_t got = 0;
    if (libtocksync_console_read(buf + total, 4 - total, &got) != RETURNCODE_SUCCESS) {
      printf("echo: ERROR read failed\n");
      return -1;
    }
    total += got;
  }
  printf("echo: got %s\n", (const char*)buf);
  return 0;
}
