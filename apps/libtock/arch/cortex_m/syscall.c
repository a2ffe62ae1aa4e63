/* Cortex-M syscall backend: `svc N` with N = the TRD104 class, r0-r3 in and out.
 * The kernel delivers upcalls by rewriting the SVC frame, so a yield returns only after the
 * upcall function ran; it may clobber every caller-saved register (r0-r3, r12, lr).
 * Not yet exercised on hardware or QEMU (owned by the Cortex-M integration).
 */
#include "libtock/arch/syscall_backend.h"

#define TOCK_SVC(n, regs)                                     \
  do {                                                        \
    register uint32_t r0 __asm__("r0") = (regs)[0];           \
    register uint32_t r1 __asm__("r1") = (regs)[1];           \
    register uint32_t r2 __asm__("r2") = (regs)[2];           \
    register uint32_t r3 __asm__("r3") = (regs)[3];           \
    __asm__ volatile("svc %[cls]"                             \
                     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) \
                     : [cls] "i"(n)                           \
                     : "memory", "r12", "lr", "cc");          \
    (regs)[0] = r0;                                           \
    (regs)[1] = r1;                                           \
    (regs)[2] = r2;                                           \
    (regs)[3] = r3;                                           \
  } while (0)

void tock_arch_syscall(uint32_t syscall_class, uint32_t regs[4]) {
  switch (syscall_class) {
    case 0:
      TOCK_SVC(0, regs);
      break;
    case 1:
      TOCK_SVC(1, regs);
      break;
    case 2:
      TOCK_SVC(2, regs);
      break;
    case 3:
      TOCK_SVC(3, regs);
      break;
    case 4:
      TOCK_SVC(4, regs);
      break;
    case 5:
      TOCK_SVC(5, regs);
      break;
    case 6:
      TOCK_SVC(6, regs);
      break;
    case 7:
      TOCK_SVC(7, regs);
      break;
    default:
      /* Not a TRD104 class: the kernel would fault the process; do the same here. */
      __builtin_trap();
  }
}
