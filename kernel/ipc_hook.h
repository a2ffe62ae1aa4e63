// The two points where the kernel lets its IPC driver (kernel/ipc.h) in: just before an upcall
// of driver 0x10000 is delivered (the driver fills in the shared buffer's length and address,
// as upstream resolves them when the IPC task runs), and at every system call of a process
// (a process that got a copied buffer gives it back). Trusted kernel code only.
#ifndef TOCKPP_KERNEL_IPC_HOOK_H_
#define TOCKPP_KERNEL_IPC_HOOK_H_

#include <cstdint>

#include "kernel/upcall.h"

namespace tock {

class Process;

class IpcHook {
 public:
  static constexpr uint32_t kDriverNum = 0x10000;

  // `upcall` (of kDriverNum) is about to run in `target`; its arguments may be rewritten.
  virtual void BeforeDeliver(Process& target, QueuedUpcall& upcall) = 0;
  // `process` trapped with a system call (is_yield: class 0) before the kernel handles it.
  virtual void OnSyscall(Process& process, bool is_yield) = 0;

 protected:
  ~IpcHook() = default;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_IPC_HOOK_H_
