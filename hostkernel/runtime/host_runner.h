// HostRunner: drives the portable kernel's loop steps (kernel/kernel.h) on tockd's event loop.
//
// Exactly one app process runs at a time, as on a single-core MCU: the runner asks the kernel
// for the next process, lets its child run (RunnableChild::Resume), and takes the CPU back
// when the child posts a syscall, faults, exits or its timeslice ends. The timeslice is wall
// clock with one exception: a child that still wants a CPU and has used less than its slice
// of CPU time was held back by a busy host, not by itself, and keeps its turn (never beyond
// kMaxSliceStretch slices; kMaxSliceStretchDeterministic in virtual time). Sleeping in a futex,
// being stopped from outside or launching never extends a turn. Stops and continues from outside
// (kill -STOP/-CONT) are noticed through SIGCHLD and waitid and reported to the Listener. Every
// event (channel wake-ups, child exits, seccomp notifications, SIGCHLD, timers) arrives on the one
// loop thread, so kernel state is never shared. The runner sees children only through
// RunnableChild, so it is unit-tested against scripted fakes (host_runner_test.cc). Trusted: holds
// the main-loop and process-management capabilities.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_HOST_RUNNER_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_HOST_RUNNER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/process/runnable_child.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::hostkernel {

class HostRunner final : public RunnableChild::Observer, public SpinSource {
 public:
  struct Stats {
    uint64_t syscalls = 0;
    uint64_t timeslice_expiries = 0;
    uint64_t faults = 0;
    uint64_t context_switches = 0;
    uint64_t stops_from_outside = 0;
  };
  // Told about everything a user should see in the log: faults with their dump, panics.
  struct Listener {
    virtual ~Listener() = default;
    // `dump` is a multi-line Tock-style fault report.
    virtual void ProcessFaulted(const tock::Process& process, const std::string& dump) = 0;
    // The kernel panicked (a Panic fault policy): tockd must stop with a non-zero status.
    virtual void KernelPanicked(const std::string& reason) = 0;
    // No process can ever run again (all terminated or faulted).
    virtual void AllProcessesDone() = 0;
    // Observation hooks for time accounting and tracing (default: ignore).
    virtual void SyscallHandled(const tock::Process&, const RunnableChild::Trap&) {}
    virtual void TimesliceExpired(const tock::Process&) {}
    // Someone else stopped or continued the process's child (`pid`): worth a log line.
    virtual void ChildStopChanged(const tock::Process&, int /*pid*/, StopChange) {}
    // Called after every step that may have changed process states.
    virtual void StepDone() {}
  };

  // `children[i]` is the child side of kernel.processes()[i]; all must outlive the runner.
  // Blocks SIGCHLD in the calling thread and reads it through a signalfd.
  HostRunner(EventLoop& loop, tock::Kernel& kernel, std::span<RunnableChild* const> children,
             const tock::MainLoopCapability& loop_cap,
             const tock::ProcessManagementCapability& management_cap, Listener& listener);
  ~HostRunner() override;
  HostRunner(const HostRunner&) = delete;
  HostRunner& operator=(const HostRunner&) = delete;

  // Deterministic mode (virtual time): after a syscall the app is not resumed at once; the
  // caller first runs all kernel work the syscall started, then Schedule() resumes it. So
  // kernel events interleave with app execution only at syscall boundaries.
  void set_deterministic(bool on) { deterministic_ = on; }
  bool resume_pending() const { return resume_pending_; }
  // While held, Schedule() starts and resumes nothing and no request posted by a child is taken:
  // tockd holds the runner until the boot's own work is done (MainLoop's first drain), so that
  // a child's early SIGCHLD or launch handshake cannot start an app in the middle of it, and
  // again once it is stopping.
  void set_held(bool held) { held_ = held; }

  // Picks and starts a process if none runs, or resumes one held back by deterministic mode. Call
  // after anything that may have made a process runnable (an upcall scheduled by a capsule, a
  // process started by management).
  void Schedule();

  const Stats& stats() const { return stats_; }
  // The process currently holding the CPU, if any.
  const tock::Process* running() const;

  // RunnableChild::Observer: (un)registers a child's fds with the loop.
  void ChildSpawned(RunnableChild& child) override;
  void ChildGoing(RunnableChild& child) override;

  // SpinSource: the loop spins on the running child's channel before blocking.
  void BeginSpin() override;
  bool SpinPoll() override;
  void EndSpin() override;

 private:
  struct Watches {
    EventLoop::WatchId wake = 0, exit = 0, listener = 0;
  };
  size_t IndexOf(const RunnableChild& child) const;
  // Handles whatever the child posted on its channel; true if something was there.
  bool PollChannel(size_t index);
  // Answers a seccomp notification the child is waiting on, if one is pending; true if so.
  bool ServePendingNotification(size_t index);
  void OnSyscall(size_t index, const RunnableChild::Trap& trap);
  void OnSigchld();
  void OnChildExit(size_t index);
  void ArmSliceTimer(size_t index, std::chrono::nanoseconds after);
  // The turn's checkpoint (reads the child's CPU clock) or its deadline.
  void OnSliceTimer(size_t index, uint64_t turn);
  void StartRunning(size_t index, uint32_t timeslice_us);
  // Lets the running child go on, with the loop already spinning on its channel.
  void ResumeChild(size_t index);
  void EndTurn();
  void Panic(const std::string& reason);
  void CheckAllDone();

  EventLoop& loop_;
  tock::Kernel& kernel_;
  std::span<RunnableChild* const> children_;
  const tock::MainLoopCapability& loop_cap_;
  const tock::ProcessManagementCapability& management_cap_;
  Listener& listener_;
  std::vector<Watches> watches_;
  // A request posted by a process whose turn had just ended: answered at its next turn.
  std::vector<std::optional<RunnableChild::Trap>> deferred_traps_;
  RunnableChild* spinning_child_ = nullptr;
  std::optional<size_t> running_;
  // The running turn: a short turn never reads the child's CPU clock; one that reaches the
  // checkpoint takes its CPU baseline there.
  static constexpr std::chrono::nanoseconds kSliceCheckpoint = std::chrono::microseconds(200);
  static constexpr std::chrono::nanoseconds kMinSliceRest = std::chrono::microseconds(200);
  static constexpr int kMaxSliceStretch = 4;
  // In deterministic mode (virtual time) a preemption breaks the trace's repeatability, so an
  // app that only waits for a busy host keeps its turn longer (100 slices: 1 s by default).
  static constexpr int kMaxSliceStretchDeterministic = 100;
  uint64_t turn_ = 0;  // tells a stale timeslice timer from the current one
  EventLoop::Clock::time_point turn_start_{};
  std::chrono::nanoseconds slice_{0};
  std::optional<uint64_t> slice_cpu_base_;
  std::chrono::nanoseconds slice_charged_before_base_{0};
  std::optional<EventLoop::TimerId> slice_timer_;
  int sigchld_fd_ = -1;
  EventLoop::WatchId sigchld_watch_ = 0;
  bool in_schedule_ = false;
  bool deterministic_ = false;
  bool held_ = false;
  bool resume_pending_ = false;
  bool panicked_ = false;
  bool done_reported_ = false;
  Stats stats_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_HOST_RUNNER_H_
