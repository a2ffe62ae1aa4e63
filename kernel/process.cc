// The process state machine (transition table + the members that apply it), accessors,
// app-address translation and the kernel-owned region at the top of the process's RAM:  ...
// kernel_break | grant blocks (grow down) | upcall queue | grant table | end
#include "kernel/process.h"

#include <new>

namespace tock {
namespace {

constexpr uint32_t AlignUp8(uint32_t v) { return (v + 7u) & ~7u; }

constexpr bool IsAliveState(ProcessState s) {
  switch (s) {
    case ProcessState::kRunning:
    case ProcessState::kYielded:
    case ProcessState::kYieldedFor:
    case ProcessState::kStoppedRunning:
    case ProcessState::kStoppedYielded:
    case ProcessState::kStoppedYieldedFor:
      return true;
    default:
      return false;
  }
}

constexpr bool IsStoppedState(ProcessState s) {
  return s == ProcessState::kStoppedRunning || s == ProcessState::kStoppedYielded ||
         s == ProcessState::kStoppedYieldedFor;
}

}  // namespace

Result<ProcessState> NextProcessState(ProcessState from, ProcessEvent event) {
  using S = ProcessState;
  // `to` if the edge is legal, else `error`.
  auto edge = [](bool legal, S to, ErrorCode error) -> Result<S> {
    if (legal) {
      return to;
    }
    return error;
  };
  if (from == S::kUnused) {
    return edge(event == ProcessEvent::kClaim, S::kTerminated, ErrorCode::kOff);
  }
  const bool alive = IsAliveState(from);
  const ErrorCode dead_or_inval = alive ? ErrorCode::kInval : ErrorCode::kOff;
  switch (event) {
    case ProcessEvent::kClaim:
      return ErrorCode::kBusy;
    case ProcessEvent::kRelease:
      return edge(from == S::kTerminated, S::kUnused, ErrorCode::kInval);
    case ProcessEvent::kStart:
      return edge(from == S::kTerminated, S::kRunning, ErrorCode::kAlready);
    case ProcessEvent::kStartFailed:
      return edge(from == S::kTerminated, S::kFaulted, ErrorCode::kInval);
    case ProcessEvent::kYield:
      return edge(from == S::kRunning, S::kYielded, dead_or_inval);
    case ProcessEvent::kYieldFor:
      return edge(from == S::kRunning, S::kYieldedFor, dead_or_inval);
    case ProcessEvent::kWake:
      return edge(from == S::kYielded || from == S::kYieldedFor, S::kRunning,
                  from == S::kRunning ? ErrorCode::kAlready : dead_or_inval);
    case ProcessEvent::kStop:
      switch (from) {
        case S::kRunning:
          return S::kStoppedRunning;
        case S::kYielded:
          return S::kStoppedYielded;
        case S::kYieldedFor:
          return S::kStoppedYieldedFor;
        default:
          return IsStoppedState(from) ? ErrorCode::kAlready : ErrorCode::kOff;
      }
    case ProcessEvent::kResume:
      switch (from) {
        case S::kStoppedRunning:
          return S::kRunning;
        case S::kStoppedYielded:
          return S::kYielded;
        case S::kStoppedYieldedFor:
          return S::kYieldedFor;
        default:
          return alive ? ErrorCode::kAlready : ErrorCode::kOff;
      }
    case ProcessEvent::kFault:
      return edge(alive, S::kFaulted, from == S::kFaulted ? ErrorCode::kAlready : ErrorCode::kOff);
    case ProcessEvent::kTerminate:
      return edge(alive || from == S::kFaulted, S::kTerminated, ErrorCode::kAlready);
  }
  return ErrorCode::kInval;
}

bool Process::IsAlive() const { return IsAliveState(state_.get()); }

bool Process::IsStopped() const { return IsStoppedState(state_.get()); }

Result<void> Process::Apply(ProcessEvent event) {
  Result<ProcessState> next = NextProcessState(state_.value_, event);
  if (!next.ok()) {
    return next.error();
  }
  state_.value_ = next.value();
  return {};
}

Result<void> Process::Claim(uint32_t identifier) {
  Result<void> r = Apply(ProcessEvent::kClaim);
  if (!r.ok()) {
    return r;
  }
  identifier_ = identifier;
  restart_count_ = 0;
  completion_code_ = 0;
  has_completion_code_ = false;
  ever_started_ = false;
  context_live_ = false;
  return {};
}

Result<void> Process::Release() {
  Result<void> r = Apply(ProcessEvent::kRelease);
  if (r.ok()) {
    identifier_ = 0;
  }
  return r;
}

Result<void> Process::MarkStarted() {
  Result<void> r = Apply(ProcessEvent::kStart);
  if (!r.ok()) {
    return r;
  }
  syscall_count_ = 0;
  min_stack_pointer_ = 0;
  last_syscall_class_ = SyscallRecord::kNone;
  last_syscall_ = {};
  timeslice_expirations_ = 0;
  yield_for_ = UpcallId{};
  ever_started_ = true;
  context_live_ = true;
  return {};
}

void Process::RecordSyscall(uint32_t class_num, const SyscallRegisters& regs) {
  last_syscall_class_ =
      static_cast<uint8_t>(class_num < SyscallRecord::kNone ? class_num : SyscallRecord::kNone - 1);
  last_syscall_ = regs;
}

Result<void> Process::FailStart() { return Apply(ProcessEvent::kStartFailed); }

Result<void> Process::SetYielded() { return Apply(ProcessEvent::kYield); }

Result<void> Process::SetYieldedFor(UpcallId id) {
  Result<void> r = Apply(ProcessEvent::kYieldFor);
  if (r.ok()) {
    yield_for_ = id;
  }
  return r;
}

Result<void> Process::SetRunning() { return Apply(ProcessEvent::kWake); }

Result<void> Process::Stop() { return Apply(ProcessEvent::kStop); }

Result<void> Process::Resume() { return Apply(ProcessEvent::kResume); }

Result<void> Process::SetFaulted() { return Apply(ProcessEvent::kFault); }

Result<void> Process::Terminate(std::optional<uint32_t> completion_code) {
  Result<void> r = Apply(ProcessEvent::kTerminate);
  if (r.ok() && completion_code) {
    completion_code_ = *completion_code;
    has_completion_code_ = true;
  }
  return r;
}

Result<void> Process::Renew(uint32_t identifier, std::optional<uint32_t> completion_code) {
  if (state_.value_ != ProcessState::kTerminated) {
    return ErrorCode::kInval;
  }
  identifier_ = identifier;
  if (restart_count_ != UINT32_MAX) {
    ++restart_count_;
  }
  completion_code_ = completion_code.value_or(0);
  has_completion_code_ = completion_code.has_value();
  return {};
}

uint32_t Process::dropped_upcall_count() const { return ram_ == nullptr ? 0 : queue().dropped(); }

size_t Process::allocated_grant_count() const {
  if (ram_ == nullptr) {
    return 0;
  }
  size_t n = 0;
  const GrantTableEntry* table = grant_table();
  for (size_t i = 0; i < num_grants_; ++i) {
    n += table[i].address != 0 ? 1 : 0;
  }
  return n;
}

size_t Process::pending_upcall_count() const { return ram_ == nullptr ? 0 : queue().size(); }

bool Process::InAppRam(uint32_t addr, uint32_t len) const {
  if (len == 0 || addr < memory_start_) {
    return false;
  }
  uint64_t end = static_cast<uint64_t>(addr) + len;
  return end <= app_break_;
}

bool Process::InReadableFlash(uint32_t addr, uint32_t len) const {
  if (tbf_ == nullptr || len == 0 || addr < flash_protected_end()) {
    return false;
  }
  uint64_t end = static_cast<uint64_t>(addr) + len;
  return end <= static_cast<uint64_t>(flash_start()) + tbf_->total_size;
}

uint8_t* Process::RamPointer(uint32_t addr, uint32_t len) const {
  if (ram_ == nullptr || addr < memory_start_) {
    return nullptr;
  }
  uint64_t end = static_cast<uint64_t>(addr) + len;
  if (end > static_cast<uint64_t>(memory_start_) + memory_len_) {
    return nullptr;
  }
  return ram_ + (addr - memory_start_);
}

const uint8_t* Process::FlashPointer(uint32_t addr, uint32_t len) const {
  if (flash_ == nullptr || tbf_ == nullptr || addr < flash_start()) {
    return nullptr;
  }
  uint64_t end = static_cast<uint64_t>(addr) + len;
  if (end > static_cast<uint64_t>(flash_start()) + tbf_->total_size) {
    return nullptr;
  }
  return flash_ + (addr - flash_start());
}

uint32_t Process::InitialKernelRegionSize(size_t num_grants) {
  return AlignUp8(static_cast<uint32_t>(num_grants * sizeof(GrantTableEntry))) +
         AlignUp8(sizeof(UpcallQueue));
}

GrantTableEntry* Process::grant_table() const {
  uint32_t table = AlignUp8(static_cast<uint32_t>(num_grants_ * sizeof(GrantTableEntry)));
  return std::launder(reinterpret_cast<GrantTableEntry*>(ram_ + memory_len_ - table));
}

UpcallQueue& Process::queue() const {
  uint32_t table = AlignUp8(static_cast<uint32_t>(num_grants_ * sizeof(GrantTableEntry)));
  uint32_t off = memory_len_ - table - AlignUp8(sizeof(UpcallQueue));
  return *std::launder(reinterpret_cast<UpcallQueue*>(ram_ + off));
}

GrantTableEntry* Process::FindGrantEntry(uint32_t driver_num) const {
  GrantTableEntry* table = grant_table();
  for (size_t i = 0; i < num_grants_; ++i) {
    if (table[i].driver_num == driver_num) {
      return &table[i];
    }
  }
  return nullptr;
}

Result<uint32_t> Process::AllocateKernelMemory(uint32_t size) {
  size = AlignUp8(size);
  if (size == 0 || size > kernel_break_ - memory_start_) {
    return ErrorCode::kNoMem;
  }
  uint32_t new_break = kernel_break_ - size;
  if (new_break < app_break_) {
    return ErrorCode::kNoMem;
  }
  if (!mpu_->UpdateBreaks(app_break_, new_break).ok()) {
    return ErrorCode::kNoMem;
  }
  kernel_break_ = new_break;
  return new_break;
}

}  // namespace tock
