/* spin: never yields after its first line. Only the SysTick timeslice gets the CPU back, so
 * the other apps keep running only if preemption works. */
#include "libtock/printf.h"

int main(void) {
  printf("spin: spinning forever without a syscall\n");
  for (volatile unsigned i = 0;; ++i) {
  }
}
