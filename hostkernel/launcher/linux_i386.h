/* Raw Linux system calls for freestanding i386 code (launcher and test apps).
 *
 * No libc: `int $0x80` for setup calls, and the vDSO entry (__kernel_vsyscall,
 * from AT_SYSINFO) for the calls on the hot path. Constants are spelled out
 * here because the i386 kernel headers are not installed on the host.
 */
#ifndef TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_I386_H_
#define TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_I386_H_

#include <stdint.h>

#define I386_NR_exit 1
#define I386_NR_read 3
#define I386_NR_write 4
#define I386_NR_close 6
#define I386_NR_getpid 20
#define I386_NR_kill 37
#define I386_NR_munmap 91
#define I386_NR_sigreturn 119
#define I386_NR_mprotect 125
#define I386_NR_prctl 172
#define I386_NR_rt_sigreturn 173
#define I386_NR_rt_sigaction 174
#define I386_NR_pread64 180
#define I386_NR_sigaltstack 186
#define I386_NR_mmap2 192
#define I386_NR_futex 240
#define I386_NR_exit_group 252
#define I386_NR_prlimit64 340
#define I386_NR_seccomp 354
#define I386_NR_close_range 436

#define I386_PROT_NONE 0
#define I386_PROT_READ 1
#define I386_PROT_WRITE 2
#define I386_PROT_EXEC 4
#define I386_MAP_SHARED 0x01
#define I386_MAP_FIXED 0x10
#define I386_MAP_FIXED_NOREPLACE 0x100000
#define I386_FUTEX_WAIT 0
#define I386_FUTEX_WAKE 1
#define I386_PR_SET_PDEATHSIG 1
#define I386_PR_SET_NAME 15
#define I386_RLIMIT_CORE 4
#define I386_PR_SET_NO_NEW_PRIVS 38
#define I386_SECCOMP_SET_MODE_FILTER 1
#define I386_SECCOMP_FILTER_FLAG_NEW_LISTENER 8
#define I386_SIGKILL 9

static inline long i386_syscall1(long nr, long a) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a) : "memory");
  return r;
}

static inline long i386_syscall3(long nr, long a, long b, long c) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
  return r;
}

static inline long i386_syscall5(long nr, long a, long b, long c, long d, long e) {
  long r;
  __asm__ volatile("int $0x80"
                   : "=a"(r)
                   : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                   : "memory");
  return r;
}

/* Up to four arguments through the vDSO entry (it preserves all but eax). */
static inline long i386_vsyscall4(uint32_t entry, long nr, long a, long b, long c, long d) {
  long r;
  __asm__ volatile("call *%%edi"
                   : "=a"(r)
                   : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(entry)
                   : "memory", "cc");
  return r;
}

#endif /* TOCKPP_HOSTKERNEL_LAUNCHER_LINUX_I386_H_ */
