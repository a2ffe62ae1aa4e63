// Kernel: process table, loading and lifecycle, fault policies and the scheduling steps.
// Syscall dispatch lives in kernel_syscalls.cc.
#include "kernel/kernel.h"

#include <cstring>
#include <new>

namespace tock {

Kernel::Kernel(std::span<Process> processes, const SyscallDriverLookup& drivers,
               uint32_t timeslice_us)
    : processes_(processes), drivers_(drivers), scheduler_(timeslice_us) {
  for (size_t i = 0; i < processes_.size(); ++i) {
    processes_[i].index_ = static_cast<uint16_t>(i);
  }
}

void Kernel::RegisterGrant(GrantBase& grant) {
  // Grants created after the first process load get no table slot: entering them fails kNoMem.
  if (grants_frozen_ || grant_count_ >= 255) {
    return;
  }
  grant.index_ = grant_count_++;
  grant.next_ = grants_;
  grants_ = &grant;
}

Process* Kernel::ProcessFor(ProcessId pid) const {
  if (!pid.valid() || pid.index() >= processes_.size()) {
    return nullptr;
  }
  Process& p = processes_[pid.index()];
  if (p.state() == ProcessState::kUnused || p.identifier_ != pid.id()) {
    return nullptr;
  }
  return &p;
}

// ---------------------------------------------------------------------------------------------
// Loading and lifecycle

Result<ProcessId> Kernel::LoadProcess(const TbfDescription& tbf, const ProcessPlatform& platform,
                                      const FaultPolicy& policy,
                                      const ProcessManagementCapability&) {
  if (tbf.image == nullptr || tbf.total_size == 0 || tbf.header_size > tbf.total_size ||
      tbf.protected_size() > tbf.total_size ||
      static_cast<uint64_t>(tbf.flash_address) + tbf.total_size > 0x100000000ull ||
      tbf.header_size + static_cast<uint64_t>(tbf.init_fn_offset) >= tbf.total_size) {
    return ErrorCode::kInval;
  }
  grants_frozen_ = true;
  Process* slot = nullptr;
  for (Process& p : processes_) {
    if (p.state() == ProcessState::kUnused) {
      slot = &p;
      break;
    }
  }
  if (slot == nullptr) {
    return ErrorCode::kNoMem;
  }

  const uint32_t kernel_bytes = Process::InitialKernelRegionSize(grant_count_);
  MemoryRequest request{tbf.minimum_ram_size, kernel_bytes, tbf.fixed_ram_address, &tbf};
  Result<MemoryAllocation> alloc = platform.memory.Allocate(request);
  if (!alloc.ok()) {
    return alloc.error();
  }
  const MemoryAllocation& a = alloc.value();
  const uint64_t end = static_cast<uint64_t>(a.memory_start) + a.memory_len;
  if (a.ram == nullptr || (a.memory_start & 7u) != 0 || (a.memory_len & 7u) != 0 ||
      (reinterpret_cast<uintptr_t>(a.ram) & 7u) != 0 || end > 0x100000000ull ||
      a.memory_len < kernel_bytes || a.initial_app_break < a.memory_start ||
      a.initial_app_break > end - kernel_bytes) {
    return ErrorCode::kInval;
  }

  Process& p = *slot;
  p.tbf_ = &tbf;
  p.boundary_ = &platform.boundary;
  p.mpu_ = &platform.mpu;
  p.fault_policy_ = &policy;
  p.ram_ = a.ram;
  p.flash_ = a.flash != nullptr ? a.flash : tbf.image;
  p.memory_start_ = a.memory_start;
  p.memory_len_ = a.memory_len;
  p.initial_app_break_ = a.initial_app_break;
  p.kernel_break_initial_ = static_cast<uint32_t>(end - kernel_bytes);
  p.num_grants_ = static_cast<uint8_t>(grant_count_);
  if (Result<void> claimed = p.Claim(next_identifier_++); !claimed.ok()) {
    return claimed.error();
  }
  InitKernelRegion(p);

  if (tbf.enabled) {
    Result<void> started = Start(p);
    if (!started.ok()) {
      static_cast<void>(p.Release());  // Terminated -> Unused: legal, Start changed nothing
      return started.error();
    }
  }
  return p.id();
}

void Kernel::InitKernelRegion(Process& p) {
  p.kernel_break_ = p.kernel_break_initial_;
  new (&p.queue()) UpcallQueue();
  p.queue().Reset();
  GrantTableEntry* table = p.grant_table();
  for (size_t i = 0; i < p.num_grants_; ++i) {
    table[i] = GrantTableEntry{0, 0};
  }
  for (GrantBase* g = grants_; g != nullptr; g = g->next_) {
    if (g->index_ < p.num_grants_) {
      table[g->index_] = GrantTableEntry{g->driver_num_, 0};
    }
  }
}

Result<void> Kernel::Start(Process& p) {
  // Checked before anything is reset: only a Terminated process may start.
  if (Result<ProcessState> next = NextProcessState(p.state(), ProcessEvent::kStart); !next.ok()) {
    return next.error();
  }
  p.app_break_ = p.initial_app_break_;
  p.allow_high_water_mark_ = p.memory_start_;
  p.stack_start_ = 0;
  p.heap_start_ = 0;
  // Everything the app can reach starts zeroed; the kernel region is rebuilt.
  std::memset(p.ram_, 0, p.memory_len_);
  InitKernelRegion(p);
  MpuLayout layout{p.flash_start(), p.tbf_->total_size, p.memory_start_,
                   p.memory_len_,   p.app_break_,       p.kernel_break_};
  if (!p.mpu_->ConfigureProcess(layout).ok()) {
    return ErrorCode::kNoMem;
  }
  SyscallRegisters args{p.tbf_->app_start(), p.memory_start_, p.memory_len_, p.app_break_};
  TOCK_TRY(p.boundary_->InitializeProcess(p.tbf_->entry_point(), args));
  return p.MarkStarted();
}

void Kernel::ReleaseResources(Process& p) {
  // Upcalls, grants (and with them every subscription and allowed buffer) are dropped.
  p.queue().Reset();
  GrantTableEntry* table = p.grant_table();
  for (size_t i = 0; i < p.num_grants_; ++i) {
    table[i].address = 0;
  }
  p.kernel_break_ = p.kernel_break_initial_;
  p.allow_high_water_mark_ = p.memory_start_;
  if (p.context_live_) {
    p.context_live_ = false;
    p.boundary_->ProcessTerminated();
  }
  EndTurnIfCurrent(p);
}

Result<void> Kernel::Terminate(Process& p, std::optional<uint32_t> completion_code) {
  Result<void> r = p.Terminate(completion_code);
  if (r.ok()) {
    ReleaseResources(p);
  }
  return r;
}

Result<void> Kernel::Restart(Process& p, std::optional<uint32_t> completion_code) {
  // A Terminated process just starts again (as a new process); any other is terminated first.
  if (p.state() != ProcessState::kTerminated) {
    if (Result<void> t = Terminate(p, completion_code); !t.ok()) {
      return t;
    }
  }
  if (Result<void> r = p.Renew(next_identifier_++, completion_code); !r.ok()) {
    return r;
  }
  return Start(p);
}

Result<void> Kernel::StopProcess(ProcessId pid, const ProcessManagementCapability&) {
  Process* p = ProcessFor(pid);
  if (p == nullptr) {
    return ErrorCode::kInval;
  }
  if (Result<void> r = p->Stop(); !r.ok()) {
    return r;
  }
  EndTurnIfCurrent(*p);
  return {};
}

Result<void> Kernel::ResumeProcess(ProcessId pid, const ProcessManagementCapability&) {
  Process* p = ProcessFor(pid);
  if (p == nullptr) {
    return ErrorCode::kInval;
  }
  return p->Resume();
}

Result<void> Kernel::TerminateProcess(ProcessId pid, uint32_t completion_code,
                                      const ProcessManagementCapability&) {
  Process* p = ProcessFor(pid);
  if (p == nullptr) {
    return ErrorCode::kInval;
  }
  return Terminate(*p, completion_code);
}

Result<void> Kernel::RestartProcess(ProcessId pid, const ProcessManagementCapability&) {
  Process* p = ProcessFor(pid);
  if (p == nullptr) {
    return ErrorCode::kInval;
  }
  return Restart(*p, std::nullopt);
}

Result<void> Kernel::StartProcess(ProcessId pid, const ProcessManagementCapability&) {
  Process* p = ProcessFor(pid);
  if (p == nullptr) {
    return ErrorCode::kInval;
  }
  if (Result<ProcessState> next = NextProcessState(p->state(), ProcessEvent::kStart); !next.ok()) {
    return next.error();
  }
  // A process that ran before comes back as a new process (new id, one more restart).
  if (p->ever_started_) {
    if (Result<void> r = p->Renew(next_identifier_++, std::nullopt); !r.ok()) {
      return r;
    }
  }
  return Start(*p);
}

// ---------------------------------------------------------------------------------------------
// Faults

FaultOutcome Kernel::ApplyFault(Process& p, const FaultInfo&) {
  const FaultAction action = p.fault_policy_->Action(p);
  switch (action) {
    case FaultAction::kRestart:
      if (Restart(p, std::nullopt).ok()) {
        EndTurnIfCurrent(p);
        return FaultOutcome::kRestarted;
      }
      // Terminated by the restart, but it could not start again.
      ReportIllegalEdge(p.FailStart());
      ReleaseResources(p);
      return FaultOutcome::kStopped;
    case FaultAction::kStop:
      ReportIllegalEdge(p.SetFaulted());
      ReleaseResources(p);
      return FaultOutcome::kStopped;
    case FaultAction::kPanic:
    default:
      // Keep memory and grants as they are for the platform's dump.
      ReportIllegalEdge(p.SetFaulted());
      EndTurnIfCurrent(p);
      return FaultOutcome::kPanic;
  }
}

FaultOutcome Kernel::HandleFault(Process& p, const FaultInfo& info, const MainLoopCapability&) {
  if (!p.IsAlive()) {
    EndTurnIfCurrent(p);
    return FaultOutcome::kStopped;  // already dead: nothing more to apply
  }
  return ApplyFault(p, info);
}

// ---------------------------------------------------------------------------------------------
// Scheduling

bool Kernel::IsReady(const Process& p) const {
  switch (p.state()) {
    case ProcessState::kRunning:
      return true;
    case ProcessState::kYielded:
      return p.queue().HasDeliverable();
    case ProcessState::kYieldedFor:
      return p.queue().Contains(p.yield_for_);
    default:
      return false;
  }
}

bool Kernel::HasRunnableProcess() const {
  for (const Process& p : processes_) {
    if (IsReady(p)) {
      return true;
    }
  }
  return false;
}

void Kernel::PrepareIpc(Process& p, QueuedUpcall& upcall) {
  if (ipc_ != nullptr && upcall.id.driver_num == IpcHook::kDriverNum) {
    ipc_->BeforeDeliver(p, upcall);
  }
}

bool Kernel::DeliverPending(Process& p) {
  if (p.state() == ProcessState::kYielded) {
    std::optional<QueuedUpcall> e = p.queue().PopDeliverable();
    if (!e) {
      return false;
    }
    ReportIllegalEdge(p.SetRunning());  // Yielded -> Running: legal
    PrepareIpc(p, *e);
    p.boundary_->SetUpcall(
        e->upcall.fn, SyscallRegisters{e->args[0], e->args[1], e->args[2], e->upcall.userdata});
    return true;
  }
  if (p.state() == ProcessState::kYieldedFor) {
    std::optional<QueuedUpcall> e = p.queue().PopMatching(p.yield_for_);
    if (!e) {
      return false;
    }
    ReportIllegalEdge(p.SetRunning());  // YieldedFor -> Running: legal
    PrepareIpc(p, *e);
    // TRD104 §5: r0-r2 carry the upcall's arguments, no variant code.
    EncodedReturn ret;
    ret.regs = {e->args[0], e->args[1], e->args[2], 0};
    ret.written = 0b0111;
    p.boundary_->SetSyscallReturn(ret);
    return true;
  }
  return false;
}

std::optional<Kernel::ScheduledRun> Kernel::NextProcessToRun(const MainLoopCapability&) {
  auto choice =
      scheduler_.Next(processes_.size(), [this](size_t i) { return IsReady(processes_[i]); });
  if (!choice) {
    return std::nullopt;
  }
  Process& p = processes_[choice->index];
  DeliverPending(p);
  current_ = choice->index;
  current_slice_us_ = choice->timeslice_us;
  return ScheduledRun{&p, choice->timeslice_us};
}

void Kernel::EndTurn(Process& p) {
  scheduler_.TurnEnded(p.index_);
  current_.reset();
}

void Kernel::EndTurnIfCurrent(Process& p) {
  if (current_ && *current_ == p.index_) {
    EndTurn(p);
  }
}

void Kernel::ReportIllegalEdge(const Result<void>& r) {
  if (!r.ok()) {
    ++illegal_transitions_;
  }
}

void Kernel::HandleTimesliceExpired(Process& p, const MainLoopCapability&) {
  ++p.timeslice_expirations_;
  EndTurn(p);
}

void Kernel::HandlePreempted(Process& p, uint32_t used_us, const MainLoopCapability&) {
  const uint32_t given =
      (current_ && *current_ == p.index_) ? current_slice_us_ : scheduler_.timeslice_us();
  scheduler_.Preempted(p.index_, given, used_us);
  current_.reset();
}

}  // namespace tock
