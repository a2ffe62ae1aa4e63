// HostProcess: the hosted platform's side of one process slot — it implements the
// kernel's three platform interfaces (kernel/process_memory.h, userspace_kernel_boundary.h,
// mpu.h) on top of AppMemory (memfds + tockd's mappings) and LinuxProcess (the child).
//
// Wiring (tockd): one HostProcess per slot; Kernel::LoadProcess(tbf, host.platform(), ...).
// The loop then drives the current child: watch child()->eventfd()/pidfd()/listener_fd(),
// call Poll() when the eventfd fires (or while spinning), hand kSyscall traps to
// Kernel::HandleSyscall, call Resume() when the scheduler runs this process, Preempt() when
// its slice ends, HandleSeccompNotification() when the listener fires, and on pidfd
// readiness Reap() -> Kernel::HandleFault(RunnableChild::ToFaultInfo(exit)).
// Trusted host code; app memory is touched only through AppMemory's bounds-checked views.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_HOST_PROCESS_H_
#define TOCKPP_HOSTKERNEL_PROCESS_HOST_PROCESS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "hostkernel/process/app_memory.h"
#include "hostkernel/process/exit_info.h"
#include "hostkernel/process/linux_process.h"
#include "hostkernel/process/runnable_child.h"
#include "kernel/kernel.h"
#include "kernel/mpu.h"
#include "kernel/process_memory.h"
#include "kernel/userspace_kernel_boundary.h"

namespace tock::hostkernel {

class HostProcess final : public tock::ProcessMemory,
                          public tock::UserspaceKernelBoundary,
                          public tock::Mpu,
                          public RunnableChild {
 public:
  using Observer = RunnableChild::Observer;

  HostProcess() = default;
  ~HostProcess() override;
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  tock::ProcessPlatform platform() { return tock::ProcessPlatform{*this, *this, *this}; }
  void set_observer(Observer* observer) override { observer_ = observer; }
  // Checks the app makes for an answer to a blocking yield before it sleeps (LaunchSpec);
  // takes effect at the next spawn.
  void set_yield_checks(uint32_t checks) { yield_checks_ = checks; }

  // Debugging an app with gdb (hostkernel/debug). Asked at every spawn whether this app is to
  // be debugged; a debugged child is spawned debuggable (LaunchSpec::debug) and, once its
  // launcher is ready, waits there — before the app's first instruction — until a tracer has
  // attached: Resume() does not start it before. Held() is told once per such child.
  struct DebugHook {
    virtual ~DebugHook() = default;
    virtual bool WantsDebug(const HostProcess& host) = 0;
    virtual void Held(const HostProcess& host, int pid) = 0;
  };
  void set_debug_hook(DebugHook* hook) { debug_hook_ = hook; }
  // Debugs the current child from now on, where it is (no hold): tockd stops signalling it
  // (LinuxProcess::set_debugged). Returns its pid, or -1 if there is no launched child.
  int DebugRunningChild();
  // The child waits for a tracer before its first instruction.
  bool held_for_debugger() const { return hold_for_tracer_ && child_ != nullptr; }
  const std::string& name() const { return name_; }

  // ---- tock::ProcessMemory ----
  // RAM at the TBF's fixed address if page aligned, else TOCK_HOST_RAM_ADDR; length rounded to
  // pages so the initial break page and the kernel-owned top never share a page. Flash is the
  // TBF image at tbf->flash_address (any alignment).
  tock::Result<tock::MemoryAllocation> Allocate(const tock::MemoryRequest& request) override;

  // ---- tock::UserspaceKernelBoundary ----
  // Kills any previous child, spawns a fresh one (it becomes runnable once Poll reports
  // kLaunched; the first Resume() then lets it jump to entry_pc).
  tock::Result<void> InitializeProcess(uint32_t entry_pc,
                                       const tock::SyscallRegisters& args) override;
  // Registers not written keep the values the app passed in (its "frame").
  void SetSyscallReturn(const tock::EncodedReturn& ret) override;
  void SetUpcall(uint32_t fn, const tock::SyscallRegisters& args) override;
  // Kills and reaps the child synchronously, so it cannot touch RAM the kernel reuses.
  void ProcessTerminated() override;

  // ---- tock::Mpu (page granular) ----
  tock::Result<void> ConfigureProcess(const tock::MpuLayout& layout) override;
  // kNoMem if PageCeil(app_break) > PageFloor(kernel_break), or if the kernel region would
  // reach a page the child can still reach; a changed app break becomes the one approved
  // mprotect, sent with the next reply.
  tock::Result<void> UpdateBreaks(uint32_t app_break, uint32_t kernel_break) override;
  // The child's IPC window (in its channel memfd); none while it has no child.
  IpcWindow ipc_window() override;

  // ---- RunnableChild (for the host loop) ----
  using Trap = RunnableChild::Trap;
  using Event = RunnableChild::Event;
  ChildPhase phase() const override { return child_ ? child_->phase() : ChildPhase::kExited; }
  Fds fds() const override;
  void DrainWake() override;
  Event Poll(Trap* trap) override;
  // Lets the child run: posts the pending reply (first start, syscall return or upcall) if it
  // waits for one, and SIGCONTs it if it was preempted. A spawning child is left alone.
  void Resume() override;
  // Timeslice over or kernel work pending: SIGSTOP if app code may run.
  void Preempt() override;
  void BeginSpin() override;
  void EndSpin() override;
  // Call when the listener fd is readable.
  void HandleSeccompNotification() override;
  // Non-blocking reap when the exit fd is readable. Once reaped, the dead child is
  // dropped at once (Observer::ChildGoing first), so no fd of it stays watched: a reaped
  // pidfd and a dead listener are readable forever.
  std::optional<ExitInfo> Reap() override;
  StopChange PollStopChange() override;
  int pid() const override { return child_ ? child_->pid() : -1; }
  std::optional<uint64_t> CpuTimeNs() const override {
    return child_ ? child_->CpuTimeNs() : std::nullopt;
  }
  bool WantsCpu() const override { return child_ && child_->WantsCpu(); }

  // Why the last spawn failed (LinuxProcess::Spawn's status message, e.g. "posix_spawn
  // launcher: Resource temporarily unavailable"); empty after a successful one. Every failure
  // is also logged at error level with the app's name.
  const std::string& last_spawn_error() const { return last_spawn_error_; }
  LinuxProcess* child() const { return child_.get(); }
  AppMemory* memory() const { return memory_.get(); }
  // True when the child waits in the channel for the kernel (launched or in a syscall).
  bool waiting_for_kernel() const { return child_ && child_->awaiting_reply(); }

 private:
  void DropChild();

  std::unique_ptr<AppMemory> memory_;
  std::unique_ptr<LinuxProcess> child_;
  Observer* observer_ = nullptr;
  tock::SyscallRegisters frame_{};
  std::optional<tock_channel_reply> pending_reply_;
  uint32_t app_break_ = 0;
  uint32_t kernel_break_ = 0;
  std::string name_;  // TBF package name, for ps/top
  std::string last_spawn_error_;
  uint32_t yield_checks_ = 0;
  bool hold_for_tracer_ = false;  // the launched child waits until TracerPid != 0
  DebugHook* debug_hook_ = nullptr;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_HOST_PROCESS_H_
