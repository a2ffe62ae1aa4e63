// Optional board policy consulted before subscribe, command and the allows (not yield, memop,
// exit), as upstream's SyscallFilter: a rejection becomes a plain Failure(error) return.
#ifndef TOCKPP_KERNEL_SYSCALL_FILTER_H_
#define TOCKPP_KERNEL_SYSCALL_FILTER_H_

#include "kernel/error_code.h"
#include "kernel/syscall.h"

namespace tock {

class Process;

class SyscallFilter {
 public:
  virtual Result<void> Filter(const Process& process, const Syscall& call) = 0;

 protected:
  ~SyscallFilter() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_SYSCALL_FILTER_H_
