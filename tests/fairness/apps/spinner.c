/* Attacker: announces itself, then computes forever without a system call. Only the
 * timeslice can take the CPU back.
 */
#include "libtock/printf.h"

int main(void) {
  printf("spinner: spinning\n");
  for (;;) {
    __asm__ volatile("" ::: "memory");
  }
}
