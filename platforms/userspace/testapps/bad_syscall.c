/* bad_syscall: makes a system call of class 9, which does not exist (TRD104 defines 0-7): the
 * kernel must treat it as a process fault and the board must print the fault dump. */
#include "libtock/printf.h"

int main(void) {
  printf("bad_syscall: calling svc 9\n");
  __asm__ volatile("movs r0, #0x2a\n svc 9" ::: "r0", "r1", "r2", "r3", "memory");
  printf("bad_syscall: ERROR svc 9 returned\n");
  return 0;
}
