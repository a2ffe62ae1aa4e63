/* Ops of the puppet test app (puppet_app.c), shared with the C++ tests and
 * benchmarks. Each reply's r[0] is an op and r[1..3] its operands. */
#ifndef TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_OPS_H_
#define TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_OPS_H_

/* C names on purpose: shared with the C puppet app. */
/* NOLINTBEGIN(readability-identifier-naming) */
enum puppet_op {
  PUPPET_ECHO = 0,        /* post command(r1+1, r2+1, r3+1, 0) */
  PUPPET_WRITE32 = 1,     /* *(u32*)r1 = r2 */
  PUPPET_READ32 = 2,      /* post command(*(u32*)r1) */
  PUPPET_SYSCALL = 3,     /* post command(x86-64 syscall r1 (r2, r3)) */
  PUPPET_MPROTECT = 4,    /* post command(mprotect(r1, r2, r3)) */
  PUPPET_SPIN = 5,        /* for (;;) ++*(u32*)r1 */
  PUPPET_INT80 = 6,       /* i386 getpid through `int $0x80` from 64-bit code */
  PUPPET_MEMOP = 7,       /* memop(r1, r2); apply rep.protect_*; post (r0, r1, mprotect rc) */
  PUPPET_EXIT = 8,        /* exit_group(r1) */
  PUPPET_X32_SYSCALL = 9, /* x32 getpid: `syscall` with __X32_SYSCALL_BIT set */
  PUPPET_NULL_LOOP = 10,  /* forever: post command(0, 0, 0, 0), ignore the reply */
  PUPPET_UD2 = 11,        /* illegal instruction */
  PUPPET_RECURSE = 12,    /* unbounded recursion: the stack runs off the bottom of RAM */
  PUPPET_GARBAGE = 13,    /* fill the channel page with byte r1 (last byte first), spin */
};
/* NOLINTEND(readability-identifier-naming) */

#endif /* TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_OPS_H_ */
