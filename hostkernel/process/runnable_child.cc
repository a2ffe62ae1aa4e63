// RunnableChild::ToFaultInfo: how a child's end reads to the kernel's fault policy.
#include "hostkernel/process/runnable_child.h"

#include <signal.h>

namespace tock::hostkernel {

tock::FaultInfo RunnableChild::ToFaultInfo(const ExitInfo& exit) {
  tock::FaultInfo f;
  switch (exit.cause) {
    case ExitInfo::Cause::kSignaled:
      if (exit.signal == SIGSEGV || exit.signal == SIGBUS) {
        f.kind = tock::FaultKind::kMemory;
      } else if (exit.signal == SIGILL) {
        f.kind = tock::FaultKind::kIllegalInstruction;
      } else {
        f.kind = tock::FaultKind::kKilled;
      }
      break;
    case ExitInfo::Cause::kExited:
    case ExitInfo::Cause::kKilledByKernel:
      f.kind = tock::FaultKind::kKilled;
      break;
    case ExitInfo::Cause::kLaunchFailed:
      f.kind = tock::FaultKind::kOther;
      break;
  }
  // The launcher's record is diagnostic: trust it only when it matches the real signal.
  if (exit.fault && exit.cause == ExitInfo::Cause::kSignaled &&
      exit.fault->signo == static_cast<uint32_t>(exit.signal)) {
    f.pc = static_cast<uint32_t>(exit.fault->rip);
    if (exit.signal == SIGSEGV || exit.signal == SIGBUS) {
      f.address_valid = true;
      f.address = exit.fault->addr;
    }
  }
  return f;
}

}  // namespace tock::hostkernel
