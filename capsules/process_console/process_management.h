// ProcessManagement: the narrow kernel interface the process console needs to list and control
// processes. The console only holds this interface; the board gives it an implementation that
// owns the authority (KernelProcessManagement wraps tock::Kernel with the capabilities). Tests
// may fake it. Read-only process details come through `const Process*` and Inspect().
#ifndef TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_MANAGEMENT_H_
#define TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_MANAGEMENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "kernel/error_code.h"
#include "kernel/process.h"
#include "kernel/process_id.h"
#include "kernel/process_inspection.h"

namespace tock::capsules {

// Counters the kernel may or may not keep; unknown ones are reported as 0.
struct ProcessStats {
  uint32_t syscall_count = 0;
  uint32_t timeslice_expirations = 0;
  uint32_t grants_used = 0;
  uint32_t grants_total = 0;
  uint32_t short_id = 0;                                  // 0: "Unique" (no short id assigned)
  CredentialStatus credential = CredentialStatus::kNone;  // accepted at load (kernel/app_id.h)
};

class ProcessManagement {
 public:
  // Slots in the process table; ProcessAt(i) is nullptr for an unused slot.
  virtual size_t ProcessSlots() const = 0;
  virtual const Process* ProcessAt(size_t slot) const = 0;
  virtual ProcessStats Stats(const Process& process) const = 0;
  // Kernel-wide timeslice expirations ("status").
  virtual uint32_t TimesliceExpirations() const = 0;
  // Read-only details for `process` (grants, pending upcalls, allowed buffers); nullopt when
  // this implementation holds no authority to look inside processes.
  virtual std::optional<ProcessInspector> Inspect(const Process& process) const {
    static_cast<void>(process);
    return std::nullopt;
  }

  // Running/Yielded(For) -> Stopped(prev).
  virtual Result<void> Stop(ProcessId pid) = 0;
  // Stopped(x) -> x.
  virtual Result<void> Resume(ProcessId pid) = 0;
  // Applies the process's fault policy (may restart it, stop it or panic the kernel).
  virtual Result<void> Fault(ProcessId pid) = 0;
  // Live or Faulted -> Terminated.
  virtual Result<void> Terminate(ProcessId pid) = 0;
  // Terminated -> running from _start again.
  virtual Result<void> Boot(ProcessId pid) = 0;

  // Board hooks: reset returns false if the board has none; panic does not return on a board.
  virtual bool Reset() { return false; }
  virtual void Panic(const char* message) { static_cast<void>(message); }

 protected:
  ~ProcessManagement() = default;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_MANAGEMENT_H_
