/* hello: prints one greeting on the console (driver 1) and returns; crt0 then yields. */
#include "libtock/printf.h"

int main(void) {
  printf("Hello, World!\n");
  return 0;
}
