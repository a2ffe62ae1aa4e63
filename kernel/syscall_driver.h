// The interface every capsule that serves system calls implements (upstream SyscallDriver).
// Subscribe and allow are handled by the kernel and stored in the driver's grant; the capsule
// reads them through GrantKernelData. Untrusted capsule code implements this.
#ifndef TOCKPP_KERNEL_SYSCALL_DRIVER_H_
#define TOCKPP_KERNEL_SYSCALL_DRIVER_H_

#include <cstdint>

#include "kernel/command_return.h"
#include "kernel/error_code.h"
#include "kernel/process_id.h"

namespace tock {

class SyscallDriver {
 public:
  // Command number 0 must answer Success (or SuccessU32 for legacy drivers) when present.
  // Unknown command numbers answer Failure(kNoSupport).
  virtual CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                ProcessId pid) = 0;
  // Makes sure this driver's grant exists for `pid` (usually `grant.Enter(pid, no-op)`).
  // Called by the kernel before subscribe/allow when the grant is missing.
  virtual Result<void> AllocateGrant(ProcessId pid) = 0;

 protected:
  ~SyscallDriver() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_SYSCALL_DRIVER_H_
