// ExitInfo::Describe: one line saying how an app process ended.
#include "hostkernel/process/exit_info.h"

#include <signal.h>
#include <string.h>

#include "absl/strings/str_format.h"
#include "hostkernel/abi/tock_launch.h"
#include "hostkernel/sandbox/app_seccomp_policy.h"

namespace tock::hostkernel {

const char* LaunchExitReason(int status) {
  switch (status) {
    case TOCK_LAUNCH_EXIT_BAD_PARAMS:
      return "no valid launch block on fd 4 (fds 3..7 not passed to the child?)";
    case TOCK_LAUNCH_EXIT_MAP_FLASH:
      return "cannot map the app's flash";
    case TOCK_LAUNCH_EXIT_MAP_RAM:
      return "cannot map the app's RAM";
    case TOCK_LAUNCH_EXIT_MAP_CHANNEL:
      return "cannot map the syscall channel page";
    case TOCK_LAUNCH_EXIT_SIGNALS:
      return "cannot install its fault handlers";
    case TOCK_LAUNCH_EXIT_SECCOMP:
      return "cannot install the seccomp filter";
    default:
      return nullptr;
  }
}

std::string ExitInfo::Describe() const {
  std::string s;
  switch (cause) {
    case Cause::kExited:
      s = absl::StrFormat("exited with status %d without a Tock exit", exit_code);
      break;
    case Cause::kSignaled:
      s = absl::StrFormat("killed by %s", sigabbrev_np(signal) ? sigabbrev_np(signal) : "?");
      if (signal == SIGSYS) {
        // The launcher's record names the call (diagnostic: the app could have forged it).
        s += fault && fault->signo == static_cast<uint32_t>(SIGSYS)
                 ? " (forbidden system call " +
                       SyscallName(fault->syscall_arch, fault->syscall_nr) +
                       (host_state.empty() ? "" : ", " + host_state) + ")"
                 : " (forbidden system call)";
      } else if (!host_state.empty()) {
        s += ": " + host_state;
      }
      break;
    case Cause::kKilledByKernel:
      s = "killed by the kernel: " + kernel_reason;
      break;
    case Cause::kLaunchFailed:
      if (const char* reason = LaunchExitReason(exit_code); reason != nullptr) {
        s = absl::StrFormat("launcher failed: %s (status %d)", reason, exit_code);
      } else {
        s = absl::StrFormat("launcher failed (status %d)", exit_code);
      }
      break;
  }
  if (fault) {
    s += absl::StrFormat(" [signal %u code %u at 0x%08x, rip 0x%08x rsp 0x%08x]", fault->signo,
                         fault->code, fault->addr, fault->rip, fault->rsp);
  }
  return s;
}

}  // namespace tock::hostkernel
