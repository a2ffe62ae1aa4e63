// How an app process ended, as seen by tockd: the Linux cause (exit code or
// signal), whether tockd itself killed it and why, and the diagnostic fault info
// the launcher's handler left in the channel (untrusted: the app could forge it).
#ifndef TOCKPP_HOSTKERNEL_PROCESS_EXIT_INFO_H_
#define TOCKPP_HOSTKERNEL_PROCESS_EXIT_INFO_H_

#include <optional>
#include <string>

#include "hostkernel/abi/tock_channel.h"

namespace tock::hostkernel {

// What a launcher exit code (TOCK_LAUNCH_EXIT_*, tock_launch.h) means, in words, e.g.
// "cannot map the app's RAM"; nullptr for any other status.
const char* LaunchExitReason(int status);

struct ExitInfo {
  enum class Cause {
    kExited,          // exit/exit_group without a Tock exit syscall; `exit_code` set
    kSignaled,        // died by `signal` (SIGSEGV, SIGSYS from seccomp, SIGILL, ...)
    kKilledByKernel,  // tockd killed it (`kernel_reason`); `signal` is SIGKILL
    kLaunchFailed,    // the launcher failed before the app ran (`exit_code` 120..125)
  };
  Cause cause = Cause::kExited;
  int exit_code = 0;
  int signal = 0;
  bool core_dumped = false;
  std::string kernel_reason;
  std::optional<tock_fault_info> fault;  // when the launcher's handler ran
  // The fault was the app reaching for host state (host_time.h), e.g. "rdtsc (host time is
  // not readable; use the alarm driver)"; empty otherwise.
  std::string host_state;

  // One line for logs and fault dumps, e.g. "killed by SEGV [signal 11 code 1 at 0x30000000, rip
  // 0x10000042 rsp ...]", or "killed by SEGV: rdtsc (host time is not readable; ...) [...]".
  std::string Describe() const;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_EXIT_INFO_H_
