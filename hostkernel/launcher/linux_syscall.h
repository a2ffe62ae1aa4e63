/* Raw x86-64 Linux system calls for freestanding code: the launcher (x86-64) and
 * the test apps (x32, which run in 64-bit mode and use the same `syscall` entry).
 *
 * No libc. Every argument travels as a full 64-bit register: x32 code keeps
 * pointers in 32 bits, so they are zero-extended here rather than left with
 * whatever the upper half held. Constants are spelled out so no kernel headers
 * are needed.
 */
#ifndef TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_SYSCALL_H_
#define TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_SYSCALL_H_

#include <stdint.h>

#define LINUX_NR_read 0
#define LINUX_NR_write 1
#define LINUX_NR_close 3
#define LINUX_NR_mmap 9
#define LINUX_NR_mprotect 10
#define LINUX_NR_munmap 11
#define LINUX_NR_rt_sigaction 13
#define LINUX_NR_rt_sigreturn 15
#define LINUX_NR_pread64 17
#define LINUX_NR_sched_yield 24
#define LINUX_NR_mincore 27
#define LINUX_NR_getpid 39
#define LINUX_NR_exit 60
#define LINUX_NR_kill 62
#define LINUX_NR_sigaltstack 131
#define LINUX_NR_prctl 157
#define LINUX_NR_futex 202
#define LINUX_NR_exit_group 231
#define LINUX_NR_openat 257
#define LINUX_NR_prlimit64 302
#define LINUX_NR_seccomp 317
#define LINUX_NR_close_range 436

#define LINUX_PROT_NONE 0
#define LINUX_PROT_READ 1
#define LINUX_PROT_WRITE 2
#define LINUX_PROT_EXEC 4
#define LINUX_MAP_SHARED 0x01
#define LINUX_MAP_PRIVATE 0x02
#define LINUX_MAP_FIXED 0x10
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_FUTEX_WAIT 0
#define LINUX_FUTEX_WAKE 1
#define LINUX_PR_SET_PDEATHSIG 1
#define LINUX_PR_SET_NAME 15
#define LINUX_PR_SET_TSC 26
#define LINUX_PR_TSC_SIGSEGV 2
#define LINUX_RLIMIT_CORE 4
#define LINUX_PR_SET_NO_NEW_PRIVS 38
#define LINUX_PR_SET_PTRACER 0x59616d61
#define LINUX_PR_SET_PTRACER_ANY (~0ull)
#define LINUX_SECCOMP_SET_MODE_FILTER 1
#define LINUX_SECCOMP_FILTER_FLAG_NEW_LISTENER 8
#define LINUX_SIGKILL 9

/* Up to six arguments; returns the raw result (-errno on failure). */
static inline int64_t linux_syscall6(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                                     uint64_t e, uint64_t f) {
  register uint64_t r10 __asm__("r10") = d;
  register uint64_t r8 __asm__("r8") = e;
  register uint64_t r9 __asm__("r9") = f;
  int64_t ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}

static inline int64_t linux_syscall4(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return linux_syscall6(nr, a, b, c, d, 0, 0);
}

static inline int64_t linux_syscall3(uint64_t nr, uint64_t a, uint64_t b, uint64_t c) {
  return linux_syscall6(nr, a, b, c, 0, 0, 0);
}

static inline int64_t linux_syscall1(uint64_t nr, uint64_t a) {
  return linux_syscall6(nr, a, 0, 0, 0, 0, 0);
}

/* A pointer as a syscall argument (zero-extended on x32). */
#define LINUX_PTR(p) ((uint64_t)(uintptr_t)(p))

#endif /* TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_SYSCALL_H_ */
