// Platform interface (b), the arch half: how the kernel changes what a process sees when it
// next runs (upstream UserspaceKernelBoundary). One object per process, owned by the platform
// (host: the Linux child + syscall channel; Cortex-M: the saved stack frame).
#ifndef TOCKPP_KERNEL_USERSPACE_KERNEL_BOUNDARY_H_
#define TOCKPP_KERNEL_USERSPACE_KERNEL_BOUNDARY_H_

#include <cstdint>

#include "kernel/error_code.h"
#include "kernel/syscall.h"
#include "kernel/syscall_return.h"

namespace tock {

class UserspaceKernelBoundary {
 public:
  // Make the next resume enter `entry_pc` with r0-r3 = args (crt0: app_start, memory_start,
  // memory_len, app_break). Called at start and on every restart; the platform discards any
  // previous execution context (host: spawn a fresh child).
  virtual Result<void> InitializeProcess(uint32_t entry_pc, const SyscallRegisters& args) = 0;
  // The pending syscall returns with `ret` (only ret.written registers change).
  virtual void SetSyscallReturn(const EncodedReturn& ret) = 0;
  // On resume run fn(args[0..3]); when fn returns the process continues after its yield.
  virtual void SetUpcall(uint32_t fn, const SyscallRegisters& args) = 0;
  // The process will not run again until InitializeProcess (exit, stop-on-fault, restart):
  // release its execution context (host: kill the child).
  virtual void ProcessTerminated() = 0;

 protected:
  ~UserspaceKernelBoundary() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_USERSPACE_KERNEL_BOUNDARY_H_
