/* hello: prints one greeting on the console (driver 1) and returns 0, which crt0 passes to
 * exit(): the app ends with completion code 0. */
#include "libtock/printf.h"

int main(void) {
  printf("Hello, World!\n");
  return 0;
}
