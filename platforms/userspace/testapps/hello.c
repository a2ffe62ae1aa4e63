/* hello (QEMU test build): one console line from a Thumb-2 process. */
#include "libtock/printf.h"

int main(void) {
  printf("Hello, World! (Thumb-2 process)\n");
  return 0;
}
