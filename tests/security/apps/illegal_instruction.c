/* Attack: an undefined instruction (ud2). Expect SIGILL -> process fault. */
#include "libtock/printf.h"

int main(void) {
  printf("illegal_instruction: executing ud2\n");
  __asm__ volatile("ud2");
  printf("illegal_instruction: ESCAPED\n");
  return 0;
}
