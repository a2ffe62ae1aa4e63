/* The x86-64 launcher: the first code in every app process (freestanding, no libc).
 *
 * tockd execs it with the fds of tock_launch.h. It maps the app's flash, RAM and
 * channel page at their fixed addresses, installs the diagnostic fault handlers
 * (SIGSYS too: the filter traps refused calls so they can be named), closes
 * every other fd, installs the seccomp filter and hands the listener to
 * tockd via the launch handshake; only then does it jump to the app entry (x32
 * code, which runs in 64-bit mode like this launcher: no mode switch, so no
 * dependence on the kernel's IA32 emulation). Before the filter it also takes
 * host time away (hide_host_time: rdtsc faults, no vDSO, no vvar). Nothing here
 * trusts the app: the app never ran yet.
 *
 * Flash is a private mapping with PROT_READ|PROT_EXEC: the app cannot write it (no
 * PROT_WRITE, and tockd approves no mprotect outside RAM), but a debugger can, since
 * ptrace and /proc/PID/mem writes force a copy-on-write of the touched page: that is
 * how gdb inserts breakpoints. tockd's own view (its shared mapping of the memfd)
 * keeps the pristine bytes. argv[1] == "debug" (tockd --debug, tockctl debug) also
 * lets any process of tockd's user attach under Yama's ptrace_scope=1.
 */
#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/abi/tock_launch.h"
#include "hostkernel/launcher/app_channel.h"
#include "hostkernel/launcher/linux_syscall.h"

#define BPF_MAX_INSNS 4096
#define PAGE 4096u
#define AT_NULL 0
#define AT_SYSINFO_EHDR 33
/* Bounds on what is taken for the vDSO and the vvar pages below it (6.18: 2 and 4 + 2). */
#define MAX_VDSO_PAGES 64u
#define MAX_VVAR_PAGES 64u

#define SA_SIGINFO 0x4u
#define SA_ONSTACK 0x08000000u
#define SA_RESTORER 0x04000000u
#define SA_RESETHAND 0x80000000u

struct kernel_sigaction {
  void* handler;
  uint64_t flags;
  void* restorer;
  uint64_t mask;
};

struct signal_stack {
  void* sp;
  int32_t flags;
  uint64_t size;
};

struct sock_fprog {
  uint16_t len;
  const void* filter;
};

/* x86-64 siginfo: signo, errno, code, padding, then the fault address (for
 * SIGSYS from seccomp: the call site, the call's number and its audit arch). */
struct fault_siginfo {
  int32_t signo, err, code, pad;
  uint64_t addr;
  int32_t syscall_nr;
  uint32_t syscall_arch;
};

/* x86-64 ucontext: uc_flags, uc_link, uc_stack, then the general registers in
 * the kernel's sigcontext order. */
struct fault_ucontext {
  uint64_t uc_flags, uc_link;
  struct signal_stack uc_stack;
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip,
      eflags;
};

static struct {
  struct tock_launch_params params;
  uint64_t bpf[BPF_MAX_INSNS];
} g_launch;

static uint8_t g_alt_stack[65536] __attribute__((aligned(16)));

/* Entry stubs: _start aligns the stack and calls launcher_main; the restorer
 * returns from a signal handler. */
__asm__(
    ".text\n"
    ".globl _start\n"
    "_start:\n"
    "  xor %ebp, %ebp\n"
    "  mov %rsp, %rdi\n"
    "  and $-16, %rsp\n"
    "  call launcher_main\n"
    "  hlt\n"
    ".globl tock_launcher_restorer\n"
    "tock_launcher_restorer:\n"
    "  mov $15, %eax\n"
    "  syscall\n"
    "  hlt\n");

void tock_launcher_restorer(void);

static __attribute__((noreturn)) void die(int code) {
  for (;;) linux_syscall1(LINUX_NR_exit_group, (uint64_t)code);
}

static int map_fixed_as(uint32_t addr, uint32_t len, uint32_t prot, uint32_t share, int fd,
                        uint32_t offset) {
  int64_t r = linux_syscall6(LINUX_NR_mmap, addr, len, prot, share | LINUX_MAP_FIXED_NOREPLACE,
                             (uint64_t)fd, offset);
  return r == (int64_t)addr;
}

static int map_fixed(uint32_t addr, uint32_t len, uint32_t prot, int fd, uint32_t offset) {
  return map_fixed_as(addr, len, prot, LINUX_MAP_SHARED, fd, offset);
}

/* argv[1] is "debug": the initial stack holds argc, then the argv pointers. */
static int debug_requested(const uint64_t* initial_sp) {
  if (initial_sp[0] < 2) return 0;
  const char* a = (const char*)initial_sp[2];
  return a != 0 && a[0] == 'd' && a[1] == 'e' && a[2] == 'b' && a[3] == 'u' && a[4] == 'g' &&
         a[5] == 0;
}

/* The value of auxiliary vector entry `type` (0 if absent): the initial stack holds argc, the
 * argv pointers and a 0, the envp pointers and a 0, then the (type, value) pairs. */
static uint64_t auxv_value(const uint64_t* initial_sp, uint64_t type) {
  const uint64_t* p = initial_sp + 1 + initial_sp[0] + 1;
  while (*p != 0) ++p;
  for (++p; p[0] != AT_NULL; p += 2) {
    if (p[0] == type) return p[1];
  }
  return 0;
}

/* Bytes of the vDSO image at `base` (its PT_LOAD segments, page rounded); 0 if it is not
 * the 64-bit ELF image Linux maps there. */
static uint64_t vdso_len(uint64_t base) {
  const uint8_t* e = (const uint8_t*)base;
  if (e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' || e[3] != 'F' || e[4] != 2 /*64-bit*/) {
    return 0;
  }
  const uint64_t phoff = *(const uint64_t*)(e + 32);
  const uint16_t phentsize = *(const uint16_t*)(e + 54);
  const uint16_t phnum = *(const uint16_t*)(e + 56);
  uint64_t end = 0;
  for (uint16_t i = 0; i < phnum; ++i) {
    const uint8_t* ph = e + phoff + (uint64_t)i * phentsize;
    if (*(const uint32_t*)ph != 1 /*PT_LOAD*/) continue;
    const uint64_t seg_end = *(const uint64_t*)(ph + 16) + *(const uint64_t*)(ph + 40);
    if (seg_end > end) end = seg_end;
  }
  return end > MAX_VDSO_PAGES * PAGE ? 0 : (end + PAGE - 1) & ~(uint64_t)(PAGE - 1);
}

/* Takes host time away from the app: rdtsc/rdtscp fault (PR_SET_TSC: SIGSEGV at the
 * instruction, where the CPU or hypervisor honours it), and the vDSO (clock_gettime,
 * gettimeofday, getcpu) goes with the vvar pages below it that hold the host clock's data
 * ([vvar], and [vvar_vclock] on 6.x). Those lie right below the vDSO in one allocation
 * nothing else shares at this point (a fresh static exec has mapped only its image and stack
 * besides), so they are the mapped pages counted down from it (mincore fails at the first
 * hole). Must run before the filter, which refuses prctl and notifies munmap. Returns the
 * handshake's arg[3] (tock_launch.h) and the vDSO address in `*vdso`. */
static uint32_t hide_host_time(const uint64_t* initial_sp, uint64_t* vdso) {
  uint32_t bits = 0;
  if (linux_syscall3(LINUX_NR_prctl, LINUX_PR_SET_TSC, LINUX_PR_TSC_SIGSEGV, 0) == 0) {
    bits |= TOCK_LAUNCH_HOST_TSC_FAULTS;
  }
  const uint64_t base = auxv_value(initial_sp, AT_SYSINFO_EHDR);
  *vdso = base;
  if (base == 0 || (base & (PAGE - 1)) != 0) return bits;
  const uint64_t len = vdso_len(base);
  if (len == 0) return bits;
  uint64_t below = 0;
  uint8_t resident;
  while (below < MAX_VVAR_PAGES && linux_syscall3(LINUX_NR_mincore, base - (below + 1) * PAGE, PAGE,
                                                  LINUX_PTR(&resident)) == 0) {
    ++below;
  }
  if (linux_syscall3(LINUX_NR_munmap, base - below * PAGE, below * PAGE + len, 0) != 0) {
    return bits;
  }
  return bits | (uint32_t)below | (uint32_t)(len / PAGE) << 8;
}

/* Diagnostic only: record what faulted, then return. The handler is one-shot
 * (SA_RESETHAND), so the faulting instruction runs again under the default
 * action and the process dies by the real signal, which is what tockd trusts. */
static void fault_handler(int signo, void* info, void* uctx) {
  struct tock_channel* ch = tock_app_channel();
  const struct fault_siginfo* si = (const struct fault_siginfo*)info;
  const struct fault_ucontext* uc = (const struct fault_ucontext*)uctx;
  ch->fault.signo = (uint32_t)signo;
  ch->fault.code = (uint32_t)si->code;
  ch->fault.addr = (uint32_t)si->addr;
  ch->fault.rip = uc->rip;
  ch->fault.rsp = uc->rsp;
  ch->fault.rax = uc->rax;
  ch->fault.rbx = uc->rbx;
  ch->fault.rcx = uc->rcx;
  ch->fault.rdx = uc->rdx;
  ch->fault.rsi = uc->rsi;
  ch->fault.rdi = uc->rdi;
  ch->fault.rbp = uc->rbp;
  ch->fault.rflags = uc->eflags;
  if (signo == 31 /*SYS*/) {
    ch->fault.syscall_nr = (uint32_t)si->syscall_nr;
    ch->fault.syscall_arch = si->syscall_arch;
  }
  __atomic_store_n(&ch->fault.valid, 1, __ATOMIC_RELEASE);
}

/* A refused call (SECCOMP_RET_TRAP): record it, then make another refused call.
 * The handler was one-shot, so that SIGSYS takes the default action and the
 * process dies by it; returning would resume the app after the refused call. */
static void refused_call_handler(int signo, void* info, void* uctx) {
  fault_handler(signo, info, uctx);
  for (;;) linux_syscall1(LINUX_NR_getpid, 0);
}

static int install_fault_handlers(void) {
  struct signal_stack ss = {g_alt_stack, 0, sizeof(g_alt_stack)};
  if (linux_syscall3(LINUX_NR_sigaltstack, LINUX_PTR(&ss), 0, 0) != 0) return 0;
  static const int kSignals[] = {4 /*ILL*/, 7 /*BUS*/, 8 /*FPE*/, 11 /*SEGV*/, 31 /*SYS*/};
  for (unsigned i = 0; i < sizeof(kSignals) / sizeof(kSignals[0]); ++i) {
    void* handler = kSignals[i] == 31 ? (void*)refused_call_handler : (void*)fault_handler;
    struct kernel_sigaction sa = {handler, SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESETHAND,
                                  (void*)tock_launcher_restorer, 0};
    if (linux_syscall4(LINUX_NR_rt_sigaction, (uint64_t)kSignals[i], LINUX_PTR(&sa), 0, 8) != 0) {
      return 0;
    }
  }
  return 1;
}

__attribute__((noreturn, used)) void launcher_main(const uint64_t* initial_sp) {
  linux_syscall3(LINUX_NR_prctl, LINUX_PR_SET_PDEATHSIG, LINUX_SIGKILL, 0);
  /* Before the filter (which refuses prctl): Yama's ptrace_scope=1 only lets a parent
   * attach; a debugged app lets gdb in too (nothing changes where Yama is off). */
  if (debug_requested(initial_sp)) {
    linux_syscall3(LINUX_NR_prctl, LINUX_PR_SET_PTRACER, LINUX_PR_SET_PTRACER_ANY, 0);
  }

  int64_t n = linux_syscall4(LINUX_NR_pread64, TOCK_LAUNCH_FD_LAUNCH, LINUX_PTR(&g_launch),
                             sizeof(g_launch), 0);
  const struct tock_launch_params* p = &g_launch.params;
  if (n < (int64_t)sizeof(*p) || p->magic != TOCK_LAUNCH_MAGIC ||
      p->version != TOCK_LAUNCH_VERSION || p->bpf_insn_count == 0 ||
      p->bpf_insn_count > BPF_MAX_INSNS || (uint32_t)n < sizeof(*p) + p->bpf_insn_count * 8u ||
      p->ram_rw_len > p->ram_len) {
    die(TOCK_LAUNCH_EXIT_BAD_PARAMS);
  }

  /* A faulting app must not leave core files in tockd's directory. */
  static const uint64_t kNoCore[2] = {0, 0};
  linux_syscall4(LINUX_NR_prlimit64, 0, LINUX_RLIMIT_CORE, LINUX_PTR(kNoCore), 0);
  char name[16];
  for (int i = 0; i < 15; ++i) name[i] = p->name[i];
  name[15] = 0;
  if (name[0] != 0) linux_syscall3(LINUX_NR_prctl, LINUX_PR_SET_NAME, LINUX_PTR(name), 0);

  if (!map_fixed_as(p->flash_map_addr, p->flash_map_len, LINUX_PROT_READ | LINUX_PROT_EXEC,
                    LINUX_MAP_PRIVATE, TOCK_LAUNCH_FD_FLASH, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_FLASH);
  }
  if (p->ram_rw_len > 0 && !map_fixed(p->ram_addr, p->ram_rw_len,
                                      LINUX_PROT_READ | LINUX_PROT_WRITE, TOCK_LAUNCH_FD_RAM, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_RAM);
  }
  if (p->ram_len > p->ram_rw_len &&
      !map_fixed(p->ram_addr + p->ram_rw_len, p->ram_len - p->ram_rw_len, LINUX_PROT_NONE,
                 TOCK_LAUNCH_FD_RAM, p->ram_rw_len)) {
    die(TOCK_LAUNCH_EXIT_MAP_RAM);
  }
  if (!map_fixed(TOCK_HOST_CHANNEL_ADDR, TOCK_HOST_PAGE_SIZE + TOCK_HOST_IPC_WINDOW_BYTES,
                 LINUX_PROT_READ | LINUX_PROT_WRITE, TOCK_LAUNCH_FD_CHANNEL, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_CHANNEL);
  }
  if (!install_fault_handlers()) die(TOCK_LAUNCH_EXIT_SIGNALS);
  uint64_t vdso = 0;
  const uint32_t host_time = hide_host_time(initial_sp, &vdso);

  /* Keep only the eventfd (fd 3): the mappings outlive their fds, and an app must
   * not hold tockd's stdio (a reader waiting for EOF would wait for every app). */
  linux_syscall3(LINUX_NR_close_range, 0, 2, 0);
  linux_syscall3(LINUX_NR_close_range, TOCK_LAUNCH_FD_LAUNCH, ~0u, 0);

  if (linux_syscall4(LINUX_NR_prctl, LINUX_PR_SET_NO_NEW_PRIVS, 1, 0, 0) != 0) {
    die(TOCK_LAUNCH_EXIT_SECCOMP);
  }
  struct sock_fprog prog = {(uint16_t)p->bpf_insn_count, g_launch.bpf};
  int64_t listener = linux_syscall3(LINUX_NR_seccomp, LINUX_SECCOMP_SET_MODE_FILTER,
                                    LINUX_SECCOMP_FILTER_FLAG_NEW_LISTENER, LINUX_PTR(&prog));
  if (listener < 0) die(TOCK_LAUNCH_EXIT_SECCOMP);

  /* From here on only the filter's calls work. Tell tockd where the listener
   * is and wait until it schedules us for the first time. */
  tock_app_call(TOCK_LAUNCH_READY, (uint32_t)listener, (uint32_t)vdso, (uint32_t)(vdso >> 32),
                host_time);

  /* The app entry gets crt0's r0..r3 in the SysV argument registers and starts
   * with no launcher state in the others (the 32-bit moves zero-extend; r12 holds
   * the entry, which the app knows). */
  register uint64_t entry __asm__("r12") = p->entry;
  __asm__ volatile(
      "mov %%eax, %%esp\n"
      "xor %%eax, %%eax\n"
      "xor %%ebx, %%ebx\n"
      "xor %%ebp, %%ebp\n"
      "xor %%r8d, %%r8d\n"
      "xor %%r9d, %%r9d\n"
      "xor %%r10d, %%r10d\n"
      "xor %%r11d, %%r11d\n"
      "xor %%r13d, %%r13d\n"
      "xor %%r14d, %%r14d\n"
      "xor %%r15d, %%r15d\n"
      "jmp *%%r12\n"
      :
      : "D"((uint64_t)p->app_start), "S"((uint64_t)p->memory_start), "d"((uint64_t)p->memory_len),
        "c"((uint64_t)p->app_break), "a"((uint64_t)p->initial_sp), "r"(entry)
      : "memory");
  __builtin_unreachable();
}
