/* echo: reads the console one byte at a time and, per line, prints "echo: <line>".
 * For tests that type into tockd's console (stdin or the console socket).
 */
#include <stdint.h>

#include "libtock/console.h"
#include "libtock/printf.h"

int main(void) {
  printf("echo: ready\n");
  char line[128];
  uint32_t len = 0;
  for (;;) {
    uint8_t c = 0;
    uint32_t got = 0;
    returncode_t rc = libtocksync_console_read(&c, 1, &got);
    if (rc != RETURNCODE_SUCCESS) {
      printf("echo: read failed: %s\n", tock_strrcode(rc));
      return -1;
    }
    if (got == 0) continue;
    if (c == '\n' || len == sizeof line - 1) {
      line[len] = '\0';
      printf("echo: %s\n", line);
      len = 0;
    } else if (c != '\r') {
      line[len++] = (char)c;
    }
  }
}
