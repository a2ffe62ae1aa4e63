/* The app side of the syscall channel for freestanding i386 code.
 *
 * Used by the launcher (its launch handshake) and by the raw test apps; it is
 * the reference for libtock's host backend. Posts a request, wakes tockd only
 * when it is blocked, then spins briefly and futex-waits through the vDSO.
 */
#ifndef TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_I386_H_
#define TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_I386_H_

#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/launcher/linux_i386.h"

#ifndef TOCK_APP_SPIN_ITERATIONS
#define TOCK_APP_SPIN_ITERATIONS 2000
#endif

static inline struct tock_channel* tock_app_channel(void) {
  return (struct tock_channel*)TOCK_HOST_CHANNEL_ADDR;
}

/* Posts one request. The seq_cst store/load pair orders "app_seq published"
 * before "kernel_waiting read" (the kernel does the mirror image). Returns 1 if
 * the kernel was spinning (no wake needed): only then is it worth spinning for
 * the reply; a kernel that had to be woken, or one sharing our CPU, will not
 * answer within a spin budget. */
static inline int tock_app_post(struct tock_channel* ch, uint32_t cls, uint32_t a0, uint32_t a1,
                                uint32_t a2, uint32_t a3) {
  ch->req.syscall_class = cls;
  ch->req.arg[0] = a0;
  ch->req.arg[1] = a1;
  ch->req.arg[2] = a2;
  ch->req.arg[3] = a3;
  uint32_t seq = __atomic_load_n(&ch->app_seq, __ATOMIC_RELAXED) + 1;
  __atomic_store_n(&ch->app_seq, seq, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&ch->kernel_waiting, __ATOMIC_SEQ_CST)) {
    static const uint64_t one = 1;
    i386_vsyscall4(ch->vdso_entry, I386_NR_write, TOCK_CHANNEL_EVENTFD, (long)&one, 8, 0);
    return 0;
  }
  return 1;
}

/* Waits until kernel_seq differs from `old`: spin (if `spin`), then FUTEX_WAIT (shared). */
static inline void tock_app_wait(struct tock_channel* ch, uint32_t old, int spin) {
  for (int i = 0; spin && i < TOCK_APP_SPIN_ITERATIONS; ++i) {
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) != old) return;
    __builtin_ia32_pause();
  }
  for (;;) {
    __atomic_store_n(&ch->app_waiting, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_SEQ_CST) != old) break;
    i386_vsyscall4(ch->vdso_entry, I386_NR_futex, (long)&ch->kernel_seq, I386_FUTEX_WAIT, (long)old,
                   0);
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) != old) break;
  }
  __atomic_store_n(&ch->app_waiting, 0, __ATOMIC_RELAXED);
}

/* One full round trip; returns the reply (the app owns `rep` until it posts). */
static inline const struct tock_channel_reply* tock_app_call(uint32_t cls, uint32_t a0, uint32_t a1,
                                                             uint32_t a2, uint32_t a3) {
  struct tock_channel* ch = tock_app_channel();
  uint32_t old = __atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE);
  const int spin = tock_app_post(ch, cls, a0, a1, a2, a3);
  tock_app_wait(ch, old, spin);
  return &ch->rep;
}

#endif /* TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_I386_H_ */
