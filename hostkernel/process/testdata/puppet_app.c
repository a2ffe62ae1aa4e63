/* The puppet: a raw x32 test app that does whatever each reply tells it to.
 *
 * First it posts command(r0..r3 it started with). Every reply's r[0] is an op,
 * r[1..3] its operands; the app does it and posts command(results) again. Lets
 * one binary exercise round trips, memory, forbidden calls and faults.
 */
#include <stdint.h>

#include "hostkernel/launcher/app_channel.h"
#include "hostkernel/process/testdata/puppet_ops.h"

void puppet_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3);

/* The launcher passes r0..r3 in the SysV argument registers: a plain call. */
__asm__(
    ".section .text.entry,\"ax\"\n"
    ".globl _start\n"
    "_start:\n"
    "  and $-16, %esp\n"
    "  call puppet_main\n"
    "  hlt\n");

/* Recurses until the stack leaves RAM (the limit lives in the channel, so the compiler
 * cannot prove the recursion endless; the app never writes it). */
static uint32_t recurse(uint32_t depth) {
  volatile uint32_t pad[64];
  pad[0] = depth;
  if (depth == tock_app_channel()->magic) return pad[0];
  return recurse(depth + 1) + pad[0];
}

void puppet_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3) {
  struct tock_channel* ch = tock_app_channel();
  uint32_t a0 = r0, a1 = r1, a2 = r2, a3 = r3;
  for (;;) {
    const struct tock_channel_reply* rep = tock_app_call(2, a0, a1, a2, a3);
    const uint32_t op = rep->r[0], x = rep->r[1], y = rep->r[2], z = rep->r[3];
    a0 = a1 = a2 = a3 = 0;
    switch (op) {
      case PUPPET_ECHO:
        a0 = x + 1;
        a1 = y + 1;
        a2 = z + 1;
        break;
      case PUPPET_WRITE32:
        *(volatile uint32_t*)x = y;
        break;
      case PUPPET_READ32:
        a0 = *(volatile uint32_t*)x;
        break;
      case PUPPET_SYSCALL:
        a0 = (uint32_t)linux_syscall3(x, y, z, 0);
        break;
      case PUPPET_MPROTECT:
        a0 = (uint32_t)linux_syscall3(LINUX_NR_mprotect, x, y, z);
        break;
      case PUPPET_SPIN:
        for (;;) ++*(volatile uint32_t*)x;
      case PUPPET_INT80: {
        uint32_t ret;
        __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20) : "memory");
        a0 = ret;
        break;
      }
      case PUPPET_MEMOP: {
        const struct tock_channel_reply* m = tock_app_call(5, x, y, 0, 0);
        a0 = m->r[0];
        a1 = m->r[1];
        if (m->protect_len != 0) {
          a2 = (uint32_t)linux_syscall3(LINUX_NR_mprotect, m->protect_addr, m->protect_len,
                                        m->protect_prot);
        }
        break;
      }
      case PUPPET_EXIT:
        linux_syscall1(LINUX_NR_exit_group, x);
        break;
      case PUPPET_X32_SYSCALL:
        a0 = (uint32_t)linux_syscall1(0x40000000u | LINUX_NR_getpid, 0);
        break;
      case PUPPET_UD2:
        __asm__ volatile("ud2");
        break;
      case PUPPET_RECURSE:
        a0 = recurse(0);
        break;
      case PUPPET_GARBAGE: {
        volatile uint8_t* page = (volatile uint8_t*)ch;
        /* From the end, so req is garbage before app_seq changes. */
        for (uint32_t i = 4096; i-- > 0;) page[i] = (uint8_t)x;
        for (;;) {
        }
      }
      case PUPPET_NULL_LOOP:
        for (;;) tock_app_call(2, 0, 0, 0, 0);
      default:
        a0 = 0xbadbad;
        break;
    }
  }
}
