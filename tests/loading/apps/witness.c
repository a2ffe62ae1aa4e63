/* witness: the good app run beside every hostile file; prints one line and returns. */
#include "libtock/printf.h"

int main(void) {
  printf("witness: done\n");
  return 0;
}
