// What happens when a process faults (upstream capsules_system::process_policies): panic the
// kernel, stop the process, restart it, or restart up to a threshold then stop / panic.
// Boards pick one per process at load; the kernel applies it in Kernel::HandleFault.
#ifndef TOCKPP_KERNEL_FAULT_POLICY_H_
#define TOCKPP_KERNEL_FAULT_POLICY_H_

#include <cstddef>
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

// Restarts a process unless it already restarted kMaxRestarts times within the last `window`
// (in the units of `now`, e.g. a board's microsecond clock); then applies `then` (stop or
// panic). Remembers fault times, so use one instance per process.
template <size_t kMaxRestarts>
class WindowedRestartFaultPolicy final : public FaultPolicy {
  static_assert(kMaxRestarts > 0);

 public:
  using NowFn = uint64_t (*)(void* context);
  WindowedRestartFaultPolicy(uint64_t window, NowFn now, void* context,
                             FaultAction then = FaultAction::kStop)
      : window_(window), now_(now), context_(context), then_(then) {}

  FaultAction Action(const Process&) const override {
    const uint64_t now = now_(context_);
    size_t recent = 0;
    for (size_t i = 0; i < recorded_; ++i) {
      if (now - restarts_[i] < window_) {
        ++recent;
      }
    }
    if (recent >= kMaxRestarts) {
      return then_;
    }
    restarts_[next_] = now;  // overwrite the oldest
    next_ = (next_ + 1) % kMaxRestarts;
    if (recorded_ < kMaxRestarts) {
      ++recorded_;
    }
    return FaultAction::kRestart;
  }

 private:
  uint64_t window_;
  NowFn now_;
  void* context_;
  FaultAction then_;
  mutable uint64_t restarts_[kMaxRestarts] = {};
  mutable size_t next_ = 0;
  mutable size_t recorded_ = 0;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_FAULT_POLICY_H_
