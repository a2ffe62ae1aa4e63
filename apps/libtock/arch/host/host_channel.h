/* Host backend internals exposed for tests and attack apps: raw channel calls and raw
 * x86-64 Linux system calls. Ordinary apps use libtock/tock.h instead.
 */
#ifndef TOCKPP_APPS_LIBTOCK_ARCH_HOST_HOST_CHANNEL_H_
#define TOCKPP_APPS_LIBTOCK_ARCH_HOST_HOST_CHANNEL_H_

#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/abi/tock_launch.h" /* TOCK_HOST_PAGE_SIZE */

typedef void (*subscribe_upcall_fn_t)(int, int, int, void*);

/* Writes `req` into the channel, bumps app_seq and wakes tockd if it is blocked. Returns 1
 * if tockd was spinning (no wake needed), 0 if it had to be woken. */
int tock_host_channel_post(const struct tock_channel_request* req);
/* Waits until kernel_seq differs from `kernel_seq_before` (spinning up to ~25 µs first if
 * `spin`, then futex-waiting) and copies the reply out. */
void tock_host_channel_wait(uint32_t kernel_seq_before, int spin, struct tock_channel_reply* rep);
/* post + wait; does not run upcalls or apply protections. */
void tock_host_channel_call(const struct tock_channel_request* req, struct tock_channel_reply* rep);

/* An x86-64 Linux system call (`syscall`). Only write to the eventfd, futex on the channel
 * and approved mprotects survive the seccomp filter. */
int32_t tock_host_linux_syscall(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);

/* Result of the last kernel-approved mprotect (0 or -errno), for debugging. */
extern int32_t tock_host_last_protect_result;

#endif /* TOCKPP_APPS_LIBTOCK_ARCH_HOST_HOST_CHANNEL_H_ */
