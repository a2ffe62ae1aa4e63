/* spin: announces itself, then burns its timeslices forever without a syscall. The kernel
 * must preempt it so the other apps still run.
 */
#include "libtock/printf.h"

int main(void) {
  printf("spin: spinning forever\n");
  for (;;) {
    __asm__ volatile("" ::: "memory");
  }
}
