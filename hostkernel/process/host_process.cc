// HostProcess: the kernel's platform interfaces on a Linux child.
#include "hostkernel/process/host_process.h"

#include <signal.h>
#include <sys/mman.h>

#include <algorithm>
#include <span>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/process/host_time.h"
#include "hostkernel/runtime/escaped_name.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

// Once per tockd, at its first app process: say so when rdtsc stays readable on this host.
void WarnIfHostTimeReadable() {
  static const bool kWarned = [] {
    const std::string why = DescribeRdtscTrap(ProbeRdtscTrap());
    if (!why.empty()) {
      spdlog::warn("{} (the vDSO is removed all the same; hostkernel/launcher/README.md)", why);
    }
    return true;
  }();
  (void)kWarned;
}

}  // namespace

HostProcess::~HostProcess() { DropChild(); }

void HostProcess::DropChild() {
  if (!child_) {
    return;
  }
  if (observer_ != nullptr) {
    observer_->ChildGoing(*this);
  }
  if (!child_->reaped()) {
    child_->Kill("process terminated by the kernel");
    child_->WaitExit();
  }
  child_.reset();
  pending_reply_.reset();
  hold_for_tracer_ = false;
}

tock::Result<tock::MemoryAllocation> HostProcess::Allocate(const tock::MemoryRequest& request) {
  if (request.tbf == nullptr || request.tbf->image == nullptr || request.tbf->total_size == 0) {
    return tock::ErrorCode::kInval;
  }
  const tock::TbfDescription& tbf = *request.tbf;
  if (tbf.package_name != nullptr) {
    name_.assign(tbf.package_name, tbf.package_name_len);
  }
  uint32_t ram_addr = TOCK_HOST_RAM_ADDR;
  if (request.fixed_ram_address != tock::kNoFixedAddress) {
    if (request.fixed_ram_address % kHostPageSize != 0) {
      return tock::ErrorCode::kNoMem;
    }
    ram_addr = request.fixed_ram_address;
  }
  const uint64_t app_part =
      PageCeil(std::max<uint32_t>(request.min_app_ram, TOCK_HOST_INITIAL_BREAK_BYTES));
  const uint64_t len64 =
      (app_part + request.kernel_ram + kHostPageSize - 1) & ~uint64_t{kHostPageSize - 1};
  if (len64 > 0x40000000u) {
    return tock::ErrorCode::kNoMem;
  }
  DropChild();
  absl::StatusOr<std::unique_ptr<AppMemory>> mem =
      AppMemory::Create(tbf.flash_address, std::span<const uint8_t>(tbf.image, tbf.total_size),
                        ram_addr, static_cast<uint32_t>(len64));
  if (!mem.ok()) {
    return tock::ErrorCode::kNoMem;
  }
  memory_ = *std::move(mem);
  tock::MemoryAllocation a;
  a.memory_start = ram_addr;
  a.memory_len = static_cast<uint32_t>(len64);
  a.initial_app_break = ram_addr + TOCK_HOST_INITIAL_BREAK_BYTES;
  a.ram = memory_->ram();
  a.flash = memory_->flash();
  return a;
}

tock::Result<void> HostProcess::ConfigureProcess(const tock::MpuLayout& layout) {
  if (!memory_ || layout.memory_start != memory_->ram_addr() ||
      layout.memory_start % kHostPageSize != 0 ||
      PageCeil(layout.app_break) > PageFloor(layout.kernel_break)) {
    return tock::ErrorCode::kNoMem;
  }
  app_break_ = layout.app_break;
  kernel_break_ = layout.kernel_break;
  return {};
}

tock::Mpu::IpcWindow HostProcess::ipc_window() {
  if (!child_) {
    return {};
  }
  return {TOCK_HOST_IPC_WINDOW_ADDR, child_->ipc_window(), TOCK_HOST_IPC_WINDOW_BYTES};
}

tock::Result<void> HostProcess::UpdateBreaks(uint32_t app_break, uint32_t kernel_break) {
  if (PageCeil(app_break) > PageFloor(kernel_break)) {
    return tock::ErrorCode::kNoMem;
  }
  // The kernel region must stay out of every page the child can reach *now* (an approved
  // shrink only counts once the child has made the mprotect).
  if (child_ && kernel_break < child_->reachable_end()) {
    return tock::ErrorCode::kNoMem;
  }
  if (child_ && PageCeil(app_break) != child_->accessible_end()) {
    if (!child_->ApproveBreak(app_break).ok()) {
      return tock::ErrorCode::kNoMem;
    }
  }
  app_break_ = app_break;
  kernel_break_ = kernel_break;
  return {};
}

tock::Result<void> HostProcess::InitializeProcess(uint32_t entry_pc,
                                                  const tock::SyscallRegisters& args) {
  if (!memory_) {
    return tock::ErrorCode::kFail;
  }
  DropChild();
  LaunchSpec spec;
  spec.entry = entry_pc;
  spec.app_start = args[0];
  spec.memory_start = args[1];
  spec.memory_len = args[2];
  spec.app_break = args[3];
  spec.name = name_;
  spec.app_yield_checks = yield_checks_;
  spec.debug = debug_hook_ != nullptr && debug_hook_->WantsDebug(*this);
  absl::StatusOr<std::unique_ptr<LinuxProcess>> child = LinuxProcess::Spawn(*memory_, spec);
  if (!child.ok()) {
    // Load, restart and start all come here: the kernel only sees kFail, so say why now.
    const absl::string_view why = child.status().message();
    last_spawn_error_.assign(why.data(), why.size());
    spdlog::error("app '{}': cannot start its process: {}", EscapedName(name_), last_spawn_error_);
    return tock::ErrorCode::kFail;
  }
  last_spawn_error_.clear();
  WarnIfHostTimeReadable();
  child_ = *std::move(child);
  frame_ = args;
  if (observer_ != nullptr) {
    observer_->ChildSpawned(*this);
  }
  return {};
}

void HostProcess::SetSyscallReturn(const tock::EncodedReturn& ret) {
  tock::SyscallRegisters regs = frame_;
  ret.ApplyTo(regs);
  tock_channel_reply rep{};
  rep.kind = TOCK_REPLY_RETURN;
  for (int i = 0; i < 4; ++i) {
    rep.r[i] = regs[i];
  }
  pending_reply_ = rep;
}

void HostProcess::SetUpcall(uint32_t fn, const tock::SyscallRegisters& args) {
  tock_channel_reply rep{};
  rep.kind = TOCK_REPLY_UPCALL;
  for (int i = 0; i < 4; ++i) {
    rep.r[i] = args[i];
  }
  rep.upcall_fn = fn;
  pending_reply_ = rep;
}

void HostProcess::ProcessTerminated() { DropChild(); }

HostProcess::Event HostProcess::Poll(Trap* trap) {
  if (!child_) {
    return Event::kNone;
  }
  ChannelRequest r;
  switch (child_->PollRequest(&r)) {
    case LinuxProcess::Poll::kNone:
      return Event::kNone;
    case LinuxProcess::Poll::kLaunched:
      pending_reply_ = tock_channel_reply{};
      if (debug_hook_ != nullptr && (child_->debugged() || debug_hook_->WantsDebug(*this))) {
        child_->set_debugged(true);  // marked while it was spawning
        hold_for_tracer_ = true;
        debug_hook_->Held(*this, child_->pid());
      }
      return Event::kLaunched;
    case LinuxProcess::Poll::kSyscall:
      trap->syscall_class = r.syscall_class;
      for (int i = 0; i < 4; ++i) {
        trap->regs[i] = r.arg[i];
      }
      trap->stack_pointer = r.stack_pointer;
      frame_ = trap->regs;
      pending_reply_.reset();
      return Event::kSyscall;
    case LinuxProcess::Poll::kProtocolViolation:
      child_->Kill("syscall channel protocol violation");
      return Event::kProtocolViolation;
  }
  return Event::kNone;
}

RunnableChild::Fds HostProcess::fds() const {
  if (!child_) {
    return {};
  }
  return Fds{child_->eventfd(), child_->pidfd(), child_->listener_fd()};
}

void HostProcess::DrainWake() {
  if (child_) {
    child_->DrainEventfd();
  }
}

void HostProcess::Resume() {
  if (!child_) {
    return;
  }
  if (hold_for_tracer_) {
    // Checked at each of its turns: the turn of a held child ends at the timeslice.
    if (!child_->traced()) {
      return;
    }
    hold_for_tracer_ = false;
    spdlog::info("app '{}' (pid {}): a debugger is attached, starting the app", EscapedName(name_),
                 child_->pid());
  }
  if (pending_reply_ && child_->awaiting_reply()) {
    child_->Reply(*pending_reply_);
    pending_reply_.reset();
  }
  child_->Continue();
}

int HostProcess::DebugRunningChild() {
  if (!child_ || !child_->launched()) {
    return -1;
  }
  child_->set_debugged(true);
  return child_->pid();
}

void HostProcess::Preempt() {
  if (child_) {
    child_->Stop();
  }
}

void HostProcess::BeginSpin() {
  if (child_) {
    child_->BeginSpin();
  }
}

void HostProcess::EndSpin() {
  if (child_) {
    child_->EndSpin();
  }
}

void HostProcess::HandleSeccompNotification() {
  if (child_) {
    child_->HandleSeccompNotification();
  }
}

StopChange HostProcess::PollStopChange() {
  return child_ ? child_->PollStopChange() : StopChange::kNone;
}

std::optional<ExitInfo> HostProcess::Reap() {
  if (!child_) {
    return std::nullopt;
  }
  std::optional<ExitInfo> exit = child_->TryReap();
  if (exit) {
    DropChild();
  }
  return exit;
}

}  // namespace tock::hostkernel
