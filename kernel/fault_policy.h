// What happens when a process faults (upstream capsules_system::process_policies): panic the
// kernel, stop the process, restart it, or restart up to a threshold then stop / panic.
// Boards pick one per process at load; the kernel applies it in Kernel::HandleFault.
#ifndef TOCKPP_KERNEL_FAULT_POLICY_H_
#define TOCKPP_KERNEL_FAULT_POLICY_H_

#include <cstdint>

namespace tock {

class Process;

enum class FaultAction : uint8_t {
  kPanic,
  kRestart,
  kStop,
};

// Platform-reported cause of a fault (details beyond this stay in the platform's dump).
enum class FaultKind : uint8_t {
  kMemory,              // access violation (host SIGSEGV/SIGBUS, MemManage)
  kIllegalInstruction,  // SIGILL, UsageFault
  kInvalidSyscall,      // unknown class / yield number (set by the kernel)
  kKilled,              // platform killed it (seccomp SIGSYS, unexpected exit)
  kOther,
};

struct FaultInfo {
  FaultKind kind = FaultKind::kOther;
  bool address_valid = false;
  uint32_t address = 0;  // faulting data address when known
  uint32_t pc = 0;
};

// The process's restart count (defined with Process; lets the policies below stay inline so
// their vtables have no single home object file).
uint32_t RestartCountOf(const Process& process);

class FaultPolicy {
 public:
  virtual FaultAction Action(const Process& process) const = 0;

 protected:
  ~FaultPolicy() = default;
};

class PanicFaultPolicy final : public FaultPolicy {
 public:
  FaultAction Action(const Process&) const override { return FaultAction::kPanic; }
};

class StopFaultPolicy final : public FaultPolicy {
 public:
  FaultAction Action(const Process&) const override { return FaultAction::kStop; }
};

class RestartFaultPolicy final : public FaultPolicy {
 public:
  FaultAction Action(const Process&) const override { return FaultAction::kRestart; }
};

// Restart while the process's restart count <= threshold, then stop (upstream semantics).
class ThresholdRestartFaultPolicy final : public FaultPolicy {
 public:
  explicit constexpr ThresholdRestartFaultPolicy(uint32_t threshold) : threshold_(threshold) {}
  FaultAction Action(const Process& process) const override {
    return RestartCountOf(process) <= threshold_ ? FaultAction::kRestart : FaultAction::kStop;
  }

 private:
  uint32_t threshold_;
};

// Restart while the process's restart count <= threshold, then panic.
class ThresholdRestartThenPanicFaultPolicy final : public FaultPolicy {
 public:
  explicit constexpr ThresholdRestartThenPanicFaultPolicy(uint32_t threshold)
      : threshold_(threshold) {}
  FaultAction Action(const Process& process) const override {
    return RestartCountOf(process) <= threshold_ ? FaultAction::kRestart : FaultAction::kPanic;
  }

 private:
  uint32_t threshold_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_FAULT_POLICY_H_
