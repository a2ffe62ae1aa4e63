/* size_big: an app whose TBF is 8 KiB (a 5 KiB table in flash, checked at run time), packed
 * after size_small (1 KiB) so that without alignment padding it would start at a 1 KiB
 * boundary, where the MPU cannot cover it with one region. Reports with one low-level debug
 * print of 0xb16 and the number of table words that read back wrong (printf alone would take
 * the TBF past 8 KiB). */
#include <stdint.h>

#include "libtock/tock.h"

#define WORDS 1280 /* 5 KiB */

/* Every word differs, so the compiler cannot fold the table away. */
#define K 2654435761u
#define ROW(i) ((i)) * K, ((i) + 1) * K, ((i) + 2) * K, ((i) + 3) * K
#define ROW16(i) ROW(i), ROW((i) + 4), ROW((i) + 8), ROW((i) + 12)
#define ROW64(i) ROW16(i), ROW16((i) + 16), ROW16((i) + 32), ROW16((i) + 48)
#define ROW256(i) ROW64(i), ROW64((i) + 64), ROW64((i) + 128), ROW64((i) + 192)
static const uint32_t kTable[WORDS] = {ROW256(0), ROW256(256), ROW256(512), ROW256(768),
                                       ROW256(1024)};

int main(void) {
  uint32_t wrong = 0;
  for (uint32_t i = 0; i < WORDS; ++i) {
    const volatile uint32_t* word = &kTable[i];
    if (*word != i * K) {
      ++wrong;
    }
  }
  syscall_return_t printed = command(8, 3, 0xb16, wrong);  // low-level debug: print two numbers
  if (printed.type != TOCK_SYSCALL_SUCCESS) {
    return 1;
  }
  for (;;) {
    yield();  // stay alive: the print is sent later
  }
}
