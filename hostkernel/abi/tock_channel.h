/* The syscall channel between one app process and tockd: the wire format.
 *
 * Shared by the kernel (x86-64 C++), the launcher (x86-64 C, freestanding) and
 * libtock's host backend (x32 C: x86-64 code with 32-bit pointers), so it is plain
 * C with fixed-width fields only: the layout is identical on every side. Everything the app writes
 * here is untrusted; the kernel copies a request out exactly once, then validates it.
 *
 * Protocol (one request in flight, the app blocks until the reply):
 *   app:    fill `req`, then store ++app_seq (release); if kernel_waiting, wake
 *           the kernel by writing 8 bytes to TOCK_CHANNEL_EVENTFD.
 *   kernel: sees app_seq change (spin or eventfd), copies `req`, dispatches,
 *           fills `rep`, stores ++kernel_seq (release), futex-wakes kernel_seq
 *           if app_waiting.
 *   app:    spins briefly on kernel_seq, then futex-waits on it (x86-64 `syscall`).
 */
#ifndef TOCKPP_HOSTKERNEL_ABI_TOCK_CHANNEL_H_
#define TOCKPP_HOSTKERNEL_ABI_TOCK_CHANNEL_H_

#include <stdint.h>

/* Fixed app address space on the host (every app process has its own). Regions
 * stay above vm.mmap_min_addr (0x10000) and clear of the launcher (0x08048000). */
#define TOCK_HOST_CHANNEL_ADDR 0x0F000000u /* one page */
/* IPC window, in the same memfd right after the channel page: a buffer another app shares
 * with this one over IPC (driver 0x10000) is copied here for the upcall and back at the app's
 * next system call (kernel/ipc.h; hostkernel/process/README.md says why a copy). */
#define TOCK_HOST_IPC_WINDOW_ADDR (TOCK_HOST_CHANNEL_ADDR + 4096u)
#define TOCK_HOST_IPC_WINDOW_BYTES 16384u
#define TOCK_HOST_FLASH_ADDR 0x10000000u /* TBF image, header first */
#define TOCK_HOST_RAM_ADDR 0x20000000u   /* process RAM (memory_start) */

/* Process entry on the host (x32). The launcher jumps to the TBF entry point
 * with Tock's four crt0 arguments in the first four SysV argument registers, as
 * r0-r3 on Cortex-M: rdi = app_start, rsi = memory_start, rdx = memory_len,
 * rcx = app_break; rsp = app_break (a small initial stack). The host's MPU is
 * page granular, so the initial app break is one page above memory_start
 * (upstream Cortex-M uses 32 bytes); crt0 then asks for more with memop brk. */
#define TOCK_HOST_INITIAL_BREAK_BYTES 4096u

/* The eventfd the app writes to wake the kernel (set up by the launcher). */
#define TOCK_CHANNEL_EVENTFD 3

#define TOCK_CHANNEL_MAGIC 0x544f434bu /* "TOCK" */

/* What the kernel asks the app side to do with a reply. */
/* C names on purpose: this ABI header is shared with C code (launcher, app stubs). */
/* NOLINTBEGIN(readability-identifier-naming) */
enum tock_reply_kind {
  TOCK_REPLY_RETURN = 0, /* rep.r[0..3] are the syscall's return registers */
  TOCK_REPLY_UPCALL = 1, /* call rep.upcall_fn(r[0], r[1], r[2], r[3]), then
                            the yield returns (as after a Cortex-M exception
                            return into the upcall) */
};

struct tock_channel_request {
  uint32_t syscall_class; /* TRD104 class number, 0..7 */
  uint32_t arg[4];        /* r0..r3 */
  uint32_t stack_pointer; /* the app's stack pointer at the call (0: not given); the
                             kernel keeps only the lowest for `process NAME` */
};

struct tock_channel_reply {
  uint32_t kind;      /* enum tock_reply_kind */
  uint32_t r[4];      /* return registers, or upcall arguments */
  uint32_t upcall_fn; /* TOCK_REPLY_UPCALL only */
  /* A protection change the kernel approved for memop brk/sbrk: the app side
   * applies mprotect(protect_addr, protect_len, protect_prot) before returning.
   * protect_len == 0 means none. tockd lets exactly this call through. */
  uint32_t protect_addr;
  uint32_t protect_len;
  uint32_t protect_prot;
};

/* Written by the launcher's fatal-signal handler just before the process dies:
 * diagnostic only (the app could forge it), shown in the fault dump. The
 * registers are the x86-64 ones at the fault (x32 code runs in 64-bit mode). */
struct tock_fault_info {
  uint32_t valid; /* 1 when filled */
  uint32_t signo, code, addr;
  /* SIGSYS from the seccomp filter only: the refused call's number and its
   * AUDIT_ARCH_* (x86-64, or i386 for `int $0x80`); addr is the call site. */
  uint32_t syscall_nr, syscall_arch;
  uint64_t rip, rsp, rax, rbx, rcx, rdx, rsi, rdi, rbp, rflags;
};

struct tock_channel {
  uint32_t magic;          /* TOCK_CHANNEL_MAGIC, written by the kernel */
  uint32_t app_seq;        /* bumped by the app when a request is posted */
  uint32_t kernel_seq;     /* bumped by the kernel when a reply is posted */
  uint32_t app_waiting;    /* app is (about to be) blocked in futex wait */
  uint32_t kernel_waiting; /* kernel is blocked: app must write the eventfd */
  struct tock_channel_request req;
  struct tock_channel_reply rep;
  struct tock_fault_info fault;
  /* Spin hints from the kernel (written before the app starts; `pause` iterations,
   * ~25 ns each on the project's machine kind): how long the app spins for a reply
   * before FUTEX_WAIT. `spin_kernel_spinning` applies when the app saw
   * kernel_waiting == 0 as it posted (tockd is on a CPU polling this channel),
   * `spin_kernel_blocked` when it had to write the eventfd. 0 = block at once. */
  uint32_t spin_kernel_spinning;
  uint32_t spin_kernel_blocked;
  /* After posting a blocking yield the app checks for the answer this many times, calling
   * sched_yield between checks (so it never keeps a CPU from the app that runs meanwhile;
   * ~0.3-1 us per check), before it FUTEX_WAITs. An answer that comes within it (an upcall
   * due at once, the next turn of a busy round) then needs no cross-CPU futex wake. Written
   * by the kernel before the app starts and after each answer to a blocking yield (it stops
   * spinning apps whose answers keep having to wake them); 0 = block at once. */
  uint32_t spin_blocking_yield_checks;
};
/* NOLINTEND(readability-identifier-naming) */

#endif /* TOCKPP_HOSTKERNEL_ABI_TOCK_CHANNEL_H_ */
