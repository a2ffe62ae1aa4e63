// Host time kept from apps; see host_time.h.
#include "hostkernel/process/host_time.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <initializer_list>

#include "absl/strings/str_format.h"
#include "hostkernel/abi/tock_launch.h"

namespace tock::hostkernel {
namespace {

constexpr uint64_t kPage = TOCK_HOST_PAGE_SIZE;
constexpr uint32_t kSiKernel = 0x80;  // si_code of a #GP (rdtsc with CR4.TSD set)
constexpr uint32_t kAuditArchX8664 = 0xC000003Eu;
constexpr uint32_t kVsyscallLow = 0xFF600000u;  // 0xffffffffff600000, as a 32-bit addr
constexpr char kUseAlarm[] = "host time is not readable; use the alarm driver";

bool StartsWith(std::span<const uint8_t> code, std::initializer_list<uint8_t> bytes) {
  return code.size() >= bytes.size() && std::equal(bytes.begin(), bytes.end(), code.begin());
}

// The x86-64 calls that read host time (what the vDSO and the vsyscall page offer):
// gettimeofday, time, clock_gettime, clock_getres, getcpu.
bool IsTimeSyscall(uint32_t nr) {
  return nr == 96 || nr == 201 || nr == 228 || nr == 229 || nr == 309;
}

}  // namespace

HostTimeHiding HostTimeHiding::FromHandshake(uint32_t vdso_low, uint32_t vdso_high, uint32_t bits) {
  HostTimeHiding h;
  h.tsc_faults = (bits & TOCK_LAUNCH_HOST_TSC_FAULTS) != 0;
  h.vdso = static_cast<uint64_t>(vdso_high) << 32 | vdso_low;
  const uint64_t below = TOCK_LAUNCH_HOST_PAGES_BELOW(bits);
  const uint64_t from = TOCK_LAUNCH_HOST_PAGES_FROM(bits);
  if (h.vdso != 0 && from != 0 && h.vdso >= below * kPage) {
    h.removed_start = h.vdso - below * kPage;
    h.removed_end = h.vdso + from * kPage;
  }
  return h;
}

std::string HostStateFault(const tock_fault_info& f, std::span<const uint8_t> code,
                           const HostTimeHiding& hidden) {
  if (f.valid != 1) {
    return "";
  }
  if (f.signo == SIGSEGV) {
    if (f.code == kSiKernel && StartsWith(code, {0x0F, 0x31})) {
      return absl::StrFormat("rdtsc (%s)", kUseAlarm);
    }
    if (f.code == kSiKernel && StartsWith(code, {0x0F, 0x01, 0xF9})) {
      return absl::StrFormat("rdtscp (%s)", kUseAlarm);
    }
    if (f.rip >= hidden.vdso && f.rip < hidden.removed_end) {
      return "call into the removed vDSO (clock_gettime/gettimeofday are not available; use the "
             "alarm driver)";
    }
    if (f.rip >= hidden.removed_start && f.rip < hidden.removed_end) {
      return absl::StrFormat("jump into the removed vvar pages (%s)", kUseAlarm);
    }
    if (f.rip > UINT32_MAX) {
      return absl::StrFormat("jump to 0x%x, an unmapped address outside app memory", f.rip);
    }
  }
  if (f.signo == SIGSYS && f.syscall_arch == kAuditArchX8664) {
    if (IsTimeSyscall(f.syscall_nr)) {
      // An emulated vsyscall reports the page as the call site (addr keeps its low 32 bits).
      const bool vsyscall = (f.addr & 0xFFFFF000u) == kVsyscallLow;
      return absl::StrFormat("%s%s", vsyscall ? "through the vsyscall page: " : "", kUseAlarm);
    }
  }
  return "";
}

RdtscTrapProbe ProbeRdtscTrap() {
  static const RdtscTrapProbe probe = [] {
    RdtscTrapProbe p;
    int errors[2];
    if (pipe2(errors, O_CLOEXEC) != 0) {
      p.errno_value = errno;
      return p;
    }
    const pid_t pid = fork();
    if (pid == 0) {
      close(errors[0]);
      if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) != 0) {
        const int e = errno;
        (void)!write(errors[1], &e, sizeof(e));
        _exit(1);
      }
      signal(SIGSEGV, SIG_DFL);
      uint32_t lo;
      uint32_t hi;
      __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
      _exit(0);
    }
    close(errors[1]);
    if (pid < 0) {
      p.errno_value = errno;
      close(errors[0]);
      return p;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    int e = 0;
    const bool refused = read(errors[0], &e, sizeof(e)) == sizeof(e);
    close(errors[0]);
    if (refused) {
      p.result = RdtscTrap::kRefused;
      p.errno_value = e;
    } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) {
      p.result = RdtscTrap::kFaults;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      p.result = RdtscTrap::kNotEnforced;
    }
    return p;
  }();
  return probe;
}

std::string DescribeRdtscTrap(const RdtscTrapProbe& probe) {
  constexpr char kReadable[] = "apps can read the host's time stamp counter with rdtsc";
  switch (probe.result) {
    case RdtscTrap::kFaults:
      return "";
    case RdtscTrap::kNotEnforced:
      return absl::StrFormat(
          "rdtsc does not fault on this host (PR_SET_TSC is accepted but not enforced, as under "
          "some hypervisors): %s",
          kReadable);
    case RdtscTrap::kRefused:
      return absl::StrFormat("PR_SET_TSC is refused on this host (%s): %s",
                             std::strerror(probe.errno_value), kReadable);
    case RdtscTrap::kProbeFailed:
      return absl::StrFormat("cannot check whether rdtsc faults (%s)",
                             std::strerror(probe.errno_value));
  }
  return "";
}

}  // namespace tock::hostkernel
