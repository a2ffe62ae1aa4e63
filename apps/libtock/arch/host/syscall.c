/* Host (x32 Linux child of tockd) syscall backend: the shared-page channel of
 * hostkernel/abi/tock_channel.h. Posts one request, wakes tockd if it sleeps, spins briefly
 * for the reply, then futex-waits; Linux is entered with the x86-64 `syscall` instruction
 * (x32 code runs in 64-bit mode). Runs delivered upcalls and applies kernel-approved
 * mprotects.
 */
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/launcher/linux_syscall.h"
#include "libtock/arch/host/host_channel.h"
#include "libtock/arch/syscall_backend.h"

/* The channel uses write (eventfd), futex and mprotect; seccomp refuses every other call. The
 * futex is not FUTEX_PRIVATE: tockd waits and wakes through another mapping of the page. */

/* Spin budget before blocking: ~25 µs (DESIGN.md §7: the cross-core spin floor is 130 ns, a
 * blocking wake-up costs 40-50 µs). Bounded by TSC cycles (60000 ≈ 25 µs at 2.4 GHz), since
 * one `pause` takes anywhere from 10 ns to 270 ns (measured 100-270 ns in this VM). */
#ifndef TOCK_HOST_SPIN_CYCLES
#define TOCK_HOST_SPIN_CYCLES 60000u
#endif

/* One check of a blocking yield's wait (see spin_blocking_yield_checks in tock_channel.h):
 * ~1 us of watching the channel before the CPU is offered to others with sched_yield. */
#ifndef TOCK_HOST_YIELD_ROUND_CYCLES
#define TOCK_HOST_YIELD_ROUND_CYCLES 2400u
#endif

static inline uint64_t read_tsc(void) {
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}

static inline volatile struct tock_channel* channel(void) {
  return (volatile struct tock_channel*)TOCK_HOST_CHANNEL_ADDR;
}

int32_t tock_host_linux_syscall(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4) {
  return (int32_t)linux_syscall6(nr, a1, a2, a3, a4, 0, 0);
}

int32_t tock_host_last_protect_result;

static void wake_kernel(void) {
  uint64_t one = 1;
  (void)tock_host_linux_syscall(LINUX_NR_write, TOCK_CHANNEL_EVENTFD, (uint32_t)(uintptr_t)&one,
                                sizeof one, 0);
}

int tock_host_channel_post(const struct tock_channel_request* req) {
  volatile struct tock_channel* ch = channel();
  ch->req.syscall_class = req->syscall_class;
  for (int i = 0; i < 4; ++i) ch->req.arg[i] = req->arg[i];
  /* Where the stack is at the trap, as the saved frame shows on an MCU. */
  ch->req.stack_pointer = (uint32_t)(uintptr_t)__builtin_frame_address(0);
  /* Publish the request; seq_cst so the kernel_waiting load below is not hoisted above it
   * (x86 store-load reordering): either the kernel sees app_seq or we see kernel_waiting. */
  uint32_t seq = __atomic_load_n(&ch->app_seq, __ATOMIC_RELAXED);
  __atomic_store_n(&ch->app_seq, seq + 1, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&ch->kernel_waiting, __ATOMIC_SEQ_CST) != 0) {
    wake_kernel();
    return 0; /* a kernel we had to wake (or one sharing our CPU) will not answer in a spin */
  }
  return 1;
}

static void wait_for_reply(uint32_t kernel_seq_before, int spin, uint32_t yield_checks,
                           struct tock_channel_reply* rep) {
  volatile struct tock_channel* ch = channel();
  uint64_t spin_start = read_tsc();
  while (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) == kernel_seq_before) {
    if (spin && read_tsc() - spin_start < TOCK_HOST_SPIN_CYCLES) {
      __builtin_ia32_pause();
      continue;
    }
    if (yield_checks != 0) {
      /* One check: watch the channel for ~1 us, then give the CPU to anyone waiting for it. */
      --yield_checks;
      uint64_t round_start = read_tsc();
      while (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) == kernel_seq_before &&
             read_tsc() - round_start < TOCK_HOST_YIELD_ROUND_CYCLES) {
        __builtin_ia32_pause();
      }
      if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) == kernel_seq_before) {
        (void)tock_host_linux_syscall(LINUX_NR_sched_yield, 0, 0, 0, 0);
      }
      continue;
    }
    __atomic_store_n(&ch->app_waiting, 1u, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_SEQ_CST) == kernel_seq_before) {
      /* Returns at once (EAGAIN) if kernel_seq already moved; EINTR just loops. */
      (void)tock_host_linux_syscall(LINUX_NR_futex, (uint32_t)(uintptr_t)&ch->kernel_seq,
                                    LINUX_FUTEX_WAIT, kernel_seq_before, 0);
    }
  }
  __atomic_store_n(&ch->app_waiting, 0u, __ATOMIC_RELAXED);
  rep->kind = ch->rep.kind;
  for (int i = 0; i < 4; ++i) rep->r[i] = ch->rep.r[i];
  rep->upcall_fn = ch->rep.upcall_fn;
  rep->protect_addr = ch->rep.protect_addr;
  rep->protect_len = ch->rep.protect_len;
  rep->protect_prot = ch->rep.protect_prot;
}

void tock_host_channel_wait(uint32_t kernel_seq_before, int spin, struct tock_channel_reply* rep) {
  wait_for_reply(kernel_seq_before, spin, 0, rep);
}

void tock_host_channel_call(const struct tock_channel_request* req,
                            struct tock_channel_reply* rep) {
  uint32_t before = __atomic_load_n(&channel()->kernel_seq, __ATOMIC_ACQUIRE);
  int kernel_spinning = tock_host_channel_post(req);
  /* Spin only when tockd is spinning on us and the call should be answered at once. A
   * Yield-Wait / Yield-WaitFor usually blocks until some later event: for it the kernel's
   * hint says how long to wait on the CPU (yielding it) before sleeping. */
  int blocking_yield = req->syscall_class == 0 && req->arg[0] != 0;
  uint32_t yield_checks =
      blocking_yield ? __atomic_load_n(&channel()->spin_blocking_yield_checks, __ATOMIC_RELAXED)
                     : 0;
  wait_for_reply(before, kernel_spinning && !blocking_yield, yield_checks, rep);
}

void tock_arch_syscall(uint32_t syscall_class, uint32_t regs[4]) {
  struct tock_channel_request req = {syscall_class, {regs[0], regs[1], regs[2], regs[3]}};
  struct tock_channel_reply rep;
  tock_host_channel_call(&req, &rep);

  if (rep.protect_len != 0) {
    /* The kernel approved exactly this change for brk/sbrk; tockd lets only it through. */
    tock_host_last_protect_result = tock_host_linux_syscall(LINUX_NR_mprotect, rep.protect_addr,
                                                            rep.protect_len, rep.protect_prot, 0);
  }

  if (rep.kind == TOCK_REPLY_UPCALL) {
    /* Where a Cortex-M exception return would enter the upcall; the yield then returns. */
    subscribe_upcall_fn_t fn = (subscribe_upcall_fn_t)(uintptr_t)rep.upcall_fn;
    fn((int)rep.r[0], (int)rep.r[1], (int)rep.r[2], (void*)(uintptr_t)rep.r[3]);
    return;
  }
  for (int i = 0; i < 4; ++i) regs[i] = rep.r[i];
}
