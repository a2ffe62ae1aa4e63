// KernelProcessManagement: ProcessManagement on top of tock::Kernel. Trusted glue: it holds the
// capabilities the board hands it (capsules cannot create them) and uses only the kernel's
// public lifecycle API. Counters (syscalls, quanta, grants used) are the kernel's per-process
// debug counters; ShortIds and credentials are what the board assigned at load (kernel/app_id.h;
// LocallyUnique shows as "Unique"). Inspect() lends the console a
// read-only ProcessInspector under the board's process-management capability.
//
// Wiring (board, statics):
//   KernelProcessManagement pm(kernel, process_cap, loop_cap, &BoardPanic, &BoardReset);
//   ProcessConsole pconsole(pconsole_uart, pm);
#ifndef TOCKPP_CAPSULES_PROCESS_CONSOLE_KERNEL_PROCESS_MANAGEMENT_H_
#define TOCKPP_CAPSULES_PROCESS_CONSOLE_KERNEL_PROCESS_MANAGEMENT_H_

#include <cstddef>
#include <cstdint>

#include "capsules/process_console/process_management.h"
#include "kernel/capabilities.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"

namespace tock::capsules {

class KernelProcessManagement final : public ProcessManagement {
 public:
  using PanicFn = void (*)(const char* message);
  using ResetFn = void (*)();

  KernelProcessManagement(Kernel& kernel, const ProcessManagementCapability& process_cap,
                          const MainLoopCapability& loop_cap, PanicFn panic = nullptr,
                          ResetFn reset = nullptr)
      : kernel_(kernel),
        process_cap_(process_cap),
        loop_cap_(loop_cap),
        panic_(panic),
        reset_(reset) {}

  size_t ProcessSlots() const override { return kernel_.processes().size(); }
  const Process* ProcessAt(size_t slot) const override {
    if (slot >= kernel_.processes().size()) {
      return nullptr;
    }
    const Process& p = kernel_.processes()[slot];
    return p.state() == ProcessState::kUnused ? nullptr : &p;
  }
  ProcessStats Stats(const Process& process) const override {
    ProcessStats s;
    s.syscall_count = process.syscall_count();
    s.timeslice_expirations = process.timeslice_expirations();
    s.grants_used = static_cast<uint32_t>(process.allocated_grant_count());
    s.grants_total = static_cast<uint32_t>(kernel_.grant_count());
    s.short_id = process.short_id();
    s.credential = process.identity().credential;
    return s;
  }
  std::optional<ProcessInspector> Inspect(const Process& process) const override {
    return ProcessInspector(process, process_cap_);
  }
  uint32_t TimesliceExpirations() const override {
    uint32_t total = 0;
    for (const Process& p : kernel_.processes()) {
      total += p.timeslice_expirations();
    }
    return total;
  }

  Result<void> Stop(ProcessId pid) override { return kernel_.StopProcess(pid, process_cap_); }
  Result<void> Resume(ProcessId pid) override { return kernel_.ResumeProcess(pid, process_cap_); }
  Result<void> Fault(ProcessId pid) override {
    Process* p = kernel_.ProcessFor(pid);
    if (p == nullptr) {
      return ErrorCode::kInval;
    }
    if (kernel_.HandleFault(*p, FaultInfo{}, loop_cap_) == FaultOutcome::kPanic) {
      Panic("Process faulted by the process console");
    }
    return Result<void>::Ok();
  }
  Result<void> Terminate(ProcessId pid) override {
    return kernel_.TerminateProcess(pid, 0, process_cap_);
  }
  Result<void> Boot(ProcessId pid) override { return kernel_.StartProcess(pid, process_cap_); }

  bool Reset() override {
    if (reset_ == nullptr) {
      return false;
    }
    reset_();
    return true;
  }
  void Panic(const char* message) override {
    if (panic_ != nullptr) {
      panic_(message);
    }
  }

 private:
  Kernel& kernel_;
  const ProcessManagementCapability& process_cap_;
  const MainLoopCapability& loop_cap_;
  PanicFn panic_;
  ResetFn reset_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_PROCESS_CONSOLE_KERNEL_PROCESS_MANAGEMENT_H_
