/* The one function every libtock target backend implements: trap into the kernel.
 *
 * Exactly one backend is linked per app: arch/host/syscall.c (shared-page channel to tockd)
 * or arch/cortex_m/syscall.c (`svc N`). Everything in libtock reaches the kernel only here.
 */
#ifndef TOCKPP_APPS_LIBTOCK_ARCH_SYSCALL_BACKEND_H_
#define TOCKPP_APPS_LIBTOCK_ARCH_SYSCALL_BACKEND_H_

#include <stdint.h>

/* Issues system call `syscall_class` (TRD104 class 0..7) with r0..r3 = regs[0..3] and
 * stores the four return registers back into regs. For Yield (class 0) any upcall the
 * kernel delivers has already run when this returns, as after a Cortex-M exception
 * return into the upcall; for Yield-WaitFor regs[0..2] are the upcall's arguments. */
void tock_arch_syscall(uint32_t syscall_class, uint32_t regs[4]);

#endif /* TOCKPP_APPS_LIBTOCK_ARCH_SYSCALL_BACKEND_H_ */
