/* The i386 launcher: the first code in every app process (freestanding, no libc).
 *
 * tockd execs it with the fds of tock_launch.h. It maps the app's flash, RAM and
 * channel page at their fixed addresses, records the vDSO entry, installs the
 * diagnostic fault handlers, closes every other fd, installs the seccomp filter
 * and hands the listener to tockd via the launch handshake; only then does it
 * jump to the app entry. Nothing here trusts the app: the app never ran yet.
 */
#include <stdint.h>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/abi/tock_launch.h"
#include "hostkernel/launcher/app_channel_i386.h"
#include "hostkernel/launcher/linux_i386.h"

#define AT_NULL 0
#define AT_SYSINFO 32
#define BPF_MAX_INSNS 4096

#define SA_SIGINFO 0x4u
#define SA_ONSTACK 0x08000000u
#define SA_RESTORER 0x04000000u
#define SA_RESETHAND 0x80000000u

struct kernel_sigaction {
  void* handler;
  uint32_t flags;
  void* restorer;
  uint32_t mask[2];
};

struct i386_stack {
  void* sp;
  int32_t flags;
  uint32_t size;
};

struct i386_sock_fprog {
  uint16_t len;
  const void* filter;
};

/* i386 ucontext: uc_flags, uc_link, uc_stack(12 bytes), then sigcontext. */
struct i386_sigcontext {
  uint32_t gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax, trapno, err, eip, cs, eflags,
      esp_at_signal, ss, fpstate, oldmask, cr2;
};
struct i386_ucontext {
  uint32_t uc_flags, uc_link;
  struct i386_stack uc_stack;
  struct i386_sigcontext mc;
};

static struct {
  struct tock_launch_params params;
  uint64_t bpf[BPF_MAX_INSNS];
} g_launch;

static uint8_t g_alt_stack[65536] __attribute__((aligned(16)));

/* Entry stubs: _start passes the initial stack pointer to launcher_main; the
 * restorer returns from a signal handler; the int80 entry is the fallback
 * "vDSO" when the kernel gives no AT_SYSINFO. */
__asm__(
    ".text\n"
    ".globl _start\n"
    "_start:\n"
    "  xor %ebp, %ebp\n"
    "  mov %esp, %eax\n"
    "  and $-16, %esp\n"
    "  sub $12, %esp\n"
    "  push %eax\n"
    "  call launcher_main\n"
    "  hlt\n"
    ".globl tock_launcher_restorer\n"
    "tock_launcher_restorer:\n"
    "  mov $173, %eax\n"
    "  int $0x80\n"
    "  hlt\n"
    ".globl tock_launcher_int80_entry\n"
    "tock_launcher_int80_entry:\n"
    "  int $0x80\n"
    "  ret\n"
    ".globl tock_launcher_mmap2\n"
    "tock_launcher_mmap2:\n"
    "  push %ebp\n"
    "  push %edi\n"
    "  push %esi\n"
    "  push %ebx\n"
    "  mov $192, %eax\n"
    "  mov 20(%esp), %ebx\n"
    "  mov 24(%esp), %ecx\n"
    "  mov 28(%esp), %edx\n"
    "  mov 32(%esp), %esi\n"
    "  mov 36(%esp), %edi\n"
    "  mov 40(%esp), %ebp\n"
    "  int $0x80\n"
    "  pop %ebx\n"
    "  pop %esi\n"
    "  pop %edi\n"
    "  pop %ebp\n"
    "  ret\n");

void tock_launcher_restorer(void);
void tock_launcher_int80_entry(void);
long tock_launcher_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd,
                         uint32_t pgoff);

static __attribute__((noreturn)) void die(int code) {
  for (;;) i386_syscall1(I386_NR_exit_group, code);
}

static int map_fixed(uint32_t addr, uint32_t len, uint32_t prot, int fd, uint32_t offset) {
  long r = tock_launcher_mmap2(addr, len, prot, I386_MAP_SHARED | I386_MAP_FIXED_NOREPLACE, fd,
                               offset / TOCK_HOST_PAGE_SIZE);
  return (uint32_t)r == addr;
}

/* Diagnostic only: record what faulted, then return. The handler is one-shot
 * (SA_RESETHAND), so the faulting instruction runs again under the default
 * action and the process dies by the real signal, which is what tockd trusts. */
static void fault_handler(int signo, void* info, void* uctx) {
  struct tock_channel* ch = tock_app_channel();
  const uint32_t* si = (const uint32_t*)info;
  const struct i386_ucontext* uc = (const struct i386_ucontext*)uctx;
  ch->fault.signo = (uint32_t)signo;
  ch->fault.code = si[2];
  ch->fault.addr = si[3];
  ch->fault.eip = uc->mc.eip;
  ch->fault.esp = uc->mc.esp;
  ch->fault.eax = uc->mc.eax;
  ch->fault.ebx = uc->mc.ebx;
  ch->fault.ecx = uc->mc.ecx;
  ch->fault.edx = uc->mc.edx;
  ch->fault.esi = uc->mc.esi;
  ch->fault.edi = uc->mc.edi;
  ch->fault.ebp = uc->mc.ebp;
  ch->fault.eflags = uc->mc.eflags;
  __atomic_store_n(&ch->fault.valid, 1, __ATOMIC_RELEASE);
}

static int install_fault_handlers(void) {
  struct i386_stack ss = {g_alt_stack, 0, sizeof(g_alt_stack)};
  if (i386_syscall3(I386_NR_sigaltstack, (long)&ss, 0, 0) != 0) return 0;
  static const int kSignals[] = {4 /*ILL*/, 7 /*BUS*/, 8 /*FPE*/, 11 /*SEGV*/};
  for (unsigned i = 0; i < sizeof(kSignals) / sizeof(kSignals[0]); ++i) {
    struct kernel_sigaction sa = {(void*)fault_handler,
                                  SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESETHAND,
                                  (void*)tock_launcher_restorer,
                                  {0, 0}};
    if (i386_syscall5(I386_NR_rt_sigaction, kSignals[i], (long)&sa, 0, 8, 0) != 0) return 0;
  }
  return 1;
}

static uint32_t find_sysinfo(uint32_t* sp) {
  uint32_t argc = sp[0];
  uint32_t* p = sp + 1 + argc + 1; /* envp */
  while (*p) ++p;
  ++p; /* auxv */
  for (; p[0] != AT_NULL; p += 2) {
    if (p[0] == AT_SYSINFO) return p[1];
  }
  return 0;
}

__attribute__((noreturn, used)) void launcher_main(uint32_t* sp) {
  i386_syscall3(I386_NR_prctl, I386_PR_SET_PDEATHSIG, I386_SIGKILL, 0);

  long n = i386_syscall5(I386_NR_pread64, TOCK_LAUNCH_FD_LAUNCH, (long)&g_launch, sizeof(g_launch),
                         0, 0);
  const struct tock_launch_params* p = &g_launch.params;
  if (n < (long)sizeof(*p) || p->magic != TOCK_LAUNCH_MAGIC || p->version != TOCK_LAUNCH_VERSION ||
      p->bpf_insn_count == 0 || p->bpf_insn_count > BPF_MAX_INSNS ||
      (uint32_t)n < sizeof(*p) + p->bpf_insn_count * 8u || p->ram_rw_len > p->ram_len) {
    die(TOCK_LAUNCH_EXIT_BAD_PARAMS);
  }

  /* A faulting app must not leave core files in tockd's directory. */
  static const uint64_t kNoCore[2] = {0, 0};
  i386_syscall5(I386_NR_prlimit64, 0, I386_RLIMIT_CORE, (long)kNoCore, 0, 0);
  char name[16];
  for (int i = 0; i < 15; ++i) name[i] = p->name[i];
  name[15] = 0;
  if (name[0] != 0) i386_syscall3(I386_NR_prctl, I386_PR_SET_NAME, (long)name, 0);

  if (!map_fixed(p->flash_map_addr, p->flash_map_len, I386_PROT_READ | I386_PROT_EXEC,
                 TOCK_LAUNCH_FD_FLASH, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_FLASH);
  }
  if (p->ram_rw_len > 0 && !map_fixed(p->ram_addr, p->ram_rw_len, I386_PROT_READ | I386_PROT_WRITE,
                                      TOCK_LAUNCH_FD_RAM, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_RAM);
  }
  if (p->ram_len > p->ram_rw_len &&
      !map_fixed(p->ram_addr + p->ram_rw_len, p->ram_len - p->ram_rw_len, I386_PROT_NONE,
                 TOCK_LAUNCH_FD_RAM, p->ram_rw_len)) {
    die(TOCK_LAUNCH_EXIT_MAP_RAM);
  }
  if (!map_fixed(TOCK_HOST_CHANNEL_ADDR, TOCK_HOST_PAGE_SIZE, I386_PROT_READ | I386_PROT_WRITE,
                 TOCK_LAUNCH_FD_CHANNEL, 0)) {
    die(TOCK_LAUNCH_EXIT_MAP_CHANNEL);
  }
  struct tock_channel* ch = tock_app_channel();
  uint32_t vdso = find_sysinfo(sp);
  ch->vdso_entry = vdso ? vdso : (uint32_t)tock_launcher_int80_entry;

  if (!install_fault_handlers()) die(TOCK_LAUNCH_EXIT_SIGNALS);

  /* Keep only the eventfd (fd 3): the mappings outlive their fds, and an app must
   * not hold tockd's stdio (a reader waiting for EOF would wait for every app). */
  i386_syscall3(I386_NR_close_range, 0, 2, 0);
  i386_syscall3(I386_NR_close_range, TOCK_LAUNCH_FD_LAUNCH, ~0u, 0);

  if (i386_syscall5(I386_NR_prctl, I386_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    die(TOCK_LAUNCH_EXIT_SECCOMP);
  }
  struct i386_sock_fprog prog = {(uint16_t)p->bpf_insn_count, g_launch.bpf};
  long listener = i386_syscall3(I386_NR_seccomp, I386_SECCOMP_SET_MODE_FILTER,
                                I386_SECCOMP_FILTER_FLAG_NEW_LISTENER, (long)&prog);
  if (listener < 0) die(TOCK_LAUNCH_EXIT_SECCOMP);

  /* From here on only the filter's calls work. Tell tockd where the listener
   * is and wait until it schedules us for the first time. */
  tock_app_call(TOCK_LAUNCH_READY, (uint32_t)listener, 0, 0, 0);

  __asm__ volatile(
      "mov %%esi, %%esp\n"
      "xor %%ebp, %%ebp\n"
      "xor %%esi, %%esi\n"
      "jmp *%%edi\n"
      :
      : "a"(p->app_start), "b"(p->memory_start), "c"(p->memory_len), "d"(p->app_break),
        "S"(p->initial_sp), "D"(p->entry)
      : "memory");
  __builtin_unreachable();
}
