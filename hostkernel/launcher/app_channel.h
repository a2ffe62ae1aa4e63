/* The app side of the syscall channel for freestanding code (x86-64 or x32).
 *
 * Used by the launcher (its launch handshake) and by the raw test apps; it is
 * the reference for libtock's host backend. Posts a request, wakes tockd only
 * when it is blocked, then spins briefly and futex-waits.
 */
#ifndef TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_H_
#define TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_H_

#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/launcher/linux_syscall.h"

static inline struct tock_channel* tock_app_channel(void) {
  return (struct tock_channel*)TOCK_HOST_CHANNEL_ADDR;
}

/* Posts one request. The seq_cst store/load pair orders "app_seq published"
 * before "kernel_waiting read" (the kernel does the mirror image). Returns how long
 * to spin for the reply (the kernel's hints): long if tockd was spinning (no wake
 * needed, it is on a CPU right now), short if it had to be woken. */
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
    linux_syscall3(LINUX_NR_write, TOCK_CHANNEL_EVENTFD, LINUX_PTR(&one), 8);
    return (int)ch->spin_kernel_blocked;
  }
  return (int)ch->spin_kernel_spinning;
}

/* Waits until kernel_seq differs from `old`: `spins` pauses, then FUTEX_WAIT (shared). */
static inline void tock_app_wait(struct tock_channel* ch, uint32_t old, int spins) {
  for (int i = 0; i < spins; ++i) {
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) != old) return;
    __builtin_ia32_pause();
  }
  for (;;) {
    __atomic_store_n(&ch->app_waiting, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_SEQ_CST) != old) break;
    linux_syscall4(LINUX_NR_futex, LINUX_PTR(&ch->kernel_seq), LINUX_FUTEX_WAIT, old, 0);
    if (__atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE) != old) break;
  }
  __atomic_store_n(&ch->app_waiting, 0, __ATOMIC_RELAXED);
}

/* One full round trip; returns the reply (the app owns `rep` until it posts). */
static inline const struct tock_channel_reply* tock_app_call(uint32_t cls, uint32_t a0, uint32_t a1,
                                                             uint32_t a2, uint32_t a3) {
  struct tock_channel* ch = tock_app_channel();
  uint32_t old = __atomic_load_n(&ch->kernel_seq, __ATOMIC_ACQUIRE);
  const int spins = tock_app_post(ch, cls, a0, a1, a2, a3);
  tock_app_wait(ch, old, spins);
  return &ch->rep;
}

#endif /* TOCKPP_HOSTKERNEL_LAUNCHER_APP_CHANNEL_H_ */
