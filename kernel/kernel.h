// The kernel: the process table, syscall dispatch for all eight classes, process loading and
// lifecycle, fault policies and round-robin scheduling, split into steps a platform drives one
// at a time (the host runs a child until it posts a syscall; Cortex-M switches synchronously):
//
//   while (auto run = kernel.NextProcessToRun(loop_cap)) {      // picks + delivers upcalls
//     ... run run->process for at most run->timeslice_us, then one of:
//     kernel.HandleSyscall(*run->process, class_num, regs, loop_cap);   // kResume: keep going
//     kernel.HandleTimesliceExpired(*run->process, loop_cap);
//     kernel.HandlePreempted(*run->process, used_us, loop_cap);         // kernel work pending
//     kernel.HandleFault(*run->process, fault_info, loop_cap);          // kPanic: platform panics
//   }
// Trusted: every step needs a capability from //kernel:capability_factory.
#ifndef TOCKPP_KERNEL_KERNEL_H_
#define TOCKPP_KERNEL_KERNEL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "kernel/capabilities.h"
#include "kernel/driver_table.h"
#include "kernel/error_code.h"
#include "kernel/fault_policy.h"
#include "kernel/grant.h"
#include "kernel/ipc_hook.h"
#include "kernel/process.h"
#include "kernel/process_id.h"
#include "kernel/round_robin.h"
#include "kernel/syscall.h"
#include "kernel/syscall_filter.h"
#include "kernel/syscall_return.h"
#include "kernel/tbf_description.h"

namespace tock {

// What the platform should do after HandleSyscall.
enum class SyscallOutcome : uint8_t {
  kResume,       // return registers / an upcall are set: continue this process (slice permitting)
  kDescheduled,  // it blocked in yield, exited, restarted or was stopped: pick another
  kPanic,        // an invalid syscall under a Panic fault policy: the platform must panic
};

enum class FaultOutcome : uint8_t {
  kRestarted,
  kStopped,  // state Faulted, waits for a management restart
  kPanic,    // state Faulted; the platform must panic (dump and halt)
};

// The platform objects one process runs on (not owned).
struct ProcessPlatform {
  ProcessMemory& memory;
  UserspaceKernelBoundary& boundary;
  Mpu& mpu;
};

class Kernel {
 public:
  struct ScheduledRun {
    Process* process;
    uint32_t timeslice_us;
  };

  // `processes` is the board's static process table; its size bounds the number of processes.
  Kernel(std::span<Process> processes, const SyscallDriverLookup& drivers,
         uint32_t timeslice_us = kDefaultTimesliceUs);
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  void SetSyscallFilter(SyscallFilter* filter) { filter_ = filter; }
  // The IPC driver (kernel/ipc.h), if the board has one: sees IPC upcalls and system calls.
  void SetIpc(IpcHook* ipc) { ipc_ = ipc; }

  // ---- Loading and lifecycle (ProcessManagementCapability) ----
  // Loads a process into a free slot. Enabled images start at once (state Running, entry call
  // set through the boundary); disabled ones are loaded Terminated (StartProcess runs them).
  // Every grant must exist before the first load. kNoMem: no slot / no RAM / kernel region does
  // not fit; kInval: inconsistent image or platform allocation.
  Result<ProcessId> LoadProcess(const TbfDescription& tbf, const ProcessPlatform& platform,
                                const FaultPolicy& policy, const ProcessManagementCapability& cap);
  Result<void> StopProcess(ProcessId pid, const ProcessManagementCapability& cap);
  Result<void> ResumeProcess(ProcessId pid, const ProcessManagementCapability& cap);
  // Terminated, upcalls dropped, grants freed, completion code stored.
  Result<void> TerminateProcess(ProcessId pid, uint32_t completion_code,
                                const ProcessManagementCapability& cap);
  // Terminate + restart with a new ProcessId (restart count + 1).
  Result<void> RestartProcess(ProcessId pid, const ProcessManagementCapability& cap);
  // Start a Terminated process (restart count + 1 unless it never ran).
  Result<void> StartProcess(ProcessId pid, const ProcessManagementCapability& cap);

  // ---- Lookup ----
  // The live slot `pid` names, or nullptr if it is stale or empty.
  Process* ProcessFor(ProcessId pid) const;
  std::span<Process> processes() const { return processes_; }
  const SyscallDriverLookup& drivers() const { return drivers_; }
  size_t grant_count() const { return grant_count_; }

  // ---- Loop steps (MainLoopCapability) ----
  // Picks the next process that can run (round robin) and, if it was blocked in a yield with a
  // deliverable upcall, delivers it through the boundary; the process is then Running.
  std::optional<ScheduledRun> NextProcessToRun(const MainLoopCapability& cap);
  // True if some process could run now (the platform may sleep otherwise).
  bool HasRunnableProcess() const;
  // Decodes and dispatches one trap from `process` (which must be the one running).
  SyscallOutcome HandleSyscall(Process& process, uint32_t class_num, const SyscallRegisters& regs,
                               const MainLoopCapability& cap);
  // The process used its whole slice: its turn ends (it stays Running).
  void HandleTimesliceExpired(Process& process, const MainLoopCapability& cap);
  // The platform stopped the process after used_us to do kernel work: it keeps its turn.
  void HandlePreempted(Process& process, uint32_t used_us, const MainLoopCapability& cap);
  // Applies the process's fault policy.
  FaultOutcome HandleFault(Process& process, const FaultInfo& info, const MainLoopCapability& cap);

  const RoundRobinScheduler& scheduler() const { return scheduler_; }
  // State changes the kernel asked of a process that its transition table rejected (always 0
  // unless the kernel has a bug; a rejected change leaves the process as it was).
  uint32_t illegal_transition_count() const { return illegal_transitions_; }

 private:
  friend class GrantBase;

  bool IsReady(const Process& p) const;
  void RegisterGrant(GrantBase& grant);
  Result<void> AllocateGrantMemory(Process& p);
  void EndTurn(Process& p);
  void EndTurnIfCurrent(Process& p);
  void ReportIllegalEdge(const Result<void>& r);

  // Lifecycle internals.
  void InitKernelRegion(Process& p);
  Result<void> Start(Process& p);
  // Drops upcalls, grants and the execution context; ends the process's turn.
  void ReleaseResources(Process& p);
  Result<void> Terminate(Process& p, std::optional<uint32_t> completion_code);
  // Terminate (unless Terminated) and start as a new process; `completion_code` is stored and
  // kept for the new instance (exit-restart) or, if nullopt, forgotten.
  Result<void> Restart(Process& p, std::optional<uint32_t> completion_code);
  FaultOutcome ApplyFault(Process& p, const FaultInfo& info);

  // Syscall classes.
  SyscallOutcome DoYield(Process& p, const YieldCall& call);
  SyscallReturn DoSubscribe(Process& p, const SubscribeCall& call);
  SyscallReturn DoCommand(Process& p, const CommandCall& call);
  SyscallReturn DoAllow(Process& p, const AllowCall& call);
  SyscallReturn DoMemop(Process& p, const MemopCall& call);
  Result<void> SetBreak(Process& p, uint32_t new_break);
  // Finds the driver's grant block for p, asking the driver to allocate it if missing.
  Result<uint8_t*> GrantBlockFor(Process& p, SyscallDriver& driver, uint32_t driver_num);
  bool DeliverPending(Process& p);
  void PrepareIpc(Process& p, QueuedUpcall& upcall);

  std::span<Process> processes_;
  const SyscallDriverLookup& drivers_;
  SyscallFilter* filter_ = nullptr;
  IpcHook* ipc_ = nullptr;
  GrantBase* grants_ = nullptr;
  uint16_t grant_count_ = 0;
  bool grants_frozen_ = false;
  uint32_t next_identifier_ = 1;
  RoundRobinScheduler scheduler_;
  std::optional<size_t> current_;
  uint32_t current_slice_us_ = 0;
  uint32_t illegal_transitions_ = 0;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_KERNEL_H_
