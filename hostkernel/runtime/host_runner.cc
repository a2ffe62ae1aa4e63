// HostRunner: the kernel's loop steps on the event loop; see host_runner.h.
#include "hostkernel/runtime/host_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "hostkernel/runtime/escaped_name.h"
#include "hostkernel/runtime/fault_dump.h"  // FormatFaultDump (issue 21: symbolized dumps)

namespace tock::hostkernel {

HostRunner::HostRunner(EventLoop& loop, tock::Kernel& kernel,
                       std::span<RunnableChild* const> children,
                       const tock::MainLoopCapability& loop_cap,
                       const tock::ProcessManagementCapability& management_cap, Listener& listener)
    : loop_(loop),
      kernel_(kernel),
      children_(children),
      loop_cap_(loop_cap),
      management_cap_(management_cap),
      listener_(listener),
      watches_(children.size()),
      deferred_traps_(children.size()) {
  for (RunnableChild* child : children_) {
    child->set_observer(this);
  }
  // Stops and continues of children arrive as SIGCHLD; read it on the loop.
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, nullptr);
  sigchld_fd_ = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
  if (sigchld_fd_ >= 0) {
    sigchld_watch_ = loop_.WatchFd(sigchld_fd_, POLLIN, [this](uint32_t) {
      OnSigchld();
      Schedule();
    });
  }
}

HostRunner::~HostRunner() {
  loop_.SetSpinSource(nullptr);
  if (sigchld_watch_ != 0) {
    loop_.Unwatch(sigchld_watch_);
  }
  if (sigchld_fd_ >= 0) {
    close(sigchld_fd_);
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    children_[i]->set_observer(nullptr);
    for (EventLoop::WatchId id : {watches_[i].wake, watches_[i].exit, watches_[i].listener}) {
      if (id != 0) {
        loop_.Unwatch(id);
      }
    }
  }
}

size_t HostRunner::IndexOf(const RunnableChild& child) const {
  for (size_t i = 0; i < children_.size(); ++i) {
    if (children_[i] == &child) {
      return i;
    }
  }
  return children_.size();
}

const tock::Process* HostRunner::running() const {
  return running_ ? &kernel_.processes()[*running_] : nullptr;
}

void HostRunner::ChildSpawned(RunnableChild& child) {
  const size_t index = IndexOf(child);
  if (index >= children_.size()) {
    return;
  }
  Watches& w = watches_[index];
  const RunnableChild::Fds fds = child.fds();
  w.wake = loop_.WatchFd(fds.wake, POLLIN, [this, index](uint32_t) {
    children_[index]->DrainWake();
    PollChannel(index);
    Schedule();
  });
  w.exit = loop_.WatchFd(fds.exit, POLLIN, [this, index](uint32_t) {
    OnChildExit(index);
    Schedule();
  });
}

void HostRunner::ChildGoing(RunnableChild& child) {
  const size_t index = IndexOf(child);
  if (index >= children_.size()) {
    return;
  }
  Watches& w = watches_[index];
  for (EventLoop::WatchId* id : {&w.wake, &w.exit, &w.listener}) {
    if (*id != 0) {
      loop_.Unwatch(*id);
    }
    *id = 0;
  }
  deferred_traps_[index].reset();
  if (spinning_child_ == &child) {
    spinning_child_ = nullptr;
  }
}

void HostRunner::BeginSpin() {
  if (!running_) {
    return;
  }
  RunnableChild& child = *children_[*running_];
  if (child.phase() == ChildPhase::kSpawning || child.phase() == ChildPhase::kExited) {
    return;
  }
  spinning_child_ = &child;
  spinning_child_->BeginSpin();
}

bool HostRunner::SpinPoll() {
  if (!running_ || resume_pending_) {
    return false;
  }
  const bool handled = PollChannel(*running_);
  if (handled) {
    Schedule();
  }
  return handled;
}

void HostRunner::EndSpin() {
  if (spinning_child_ != nullptr) {
    spinning_child_->EndSpin();
  }
  spinning_child_ = nullptr;
}

bool HostRunner::PollChannel(size_t index) {
  if (held_) {
    return false;  // taken when the runner is released (a posted request stays posted)
  }
  RunnableChild& child = *children_[index];
  RunnableChild::Trap trap;
  switch (child.Poll(&trap)) {
    case RunnableChild::Event::kNone:
      return false;
    case RunnableChild::Event::kLaunched: {
      const int listener = child.fds().listener;
      if (watches_[index].listener == 0 && listener >= 0) {
        watches_[index].listener = loop_.WatchFd(listener, POLLIN, [this, index](uint32_t) {
          children_[index]->HandleSeccompNotification();
        });
      }
      // Its turn may have begun while it launched: it starts now.
      if (running_ == index) {
        ResumeChild(index);
      }
      return true;
    }
    case RunnableChild::Event::kSyscall:
      if (running_ != index) {
        // Posted just as its turn ended (the SIGSTOP raced the request): answer it when the
        // process next gets the CPU.
        deferred_traps_[index] = trap;
        return true;
      }
      OnSyscall(index, trap);
      return true;
    case RunnableChild::Event::kProtocolViolation:
      return true;  // the child is killed; its exit arrives through the exit fd
  }
  return false;
}

void HostRunner::OnSyscall(size_t index, const RunnableChild::Trap& trap) {
  ++stats_.syscalls;
  tock::Process& process = kernel_.processes()[index];
  // Reported by the app: only a figure for the process console, inside its RAM or ignored.
  if (process.InAppRam(trap.stack_pointer, 1)) {
    process.RecordStackPointer(trap.stack_pointer);
  }
  const tock::SyscallOutcome outcome =
      kernel_.HandleSyscall(process, trap.syscall_class, trap.regs, loop_cap_);
  listener_.SyscallHandled(process, trap);
  switch (outcome) {
    case tock::SyscallOutcome::kResume:
      if (running_ != index) {
        break;
      }
      if (deterministic_) {
        resume_pending_ = true;
      } else {
        ResumeChild(index);
      }
      break;
    case tock::SyscallOutcome::kDescheduled:
      if (running_ == index) {
        EndTurn();
      }
      break;
    case tock::SyscallOutcome::kPanic:
      Panic(std::string("invalid system call from process ") + EscapedName(process));
      break;
  }
}

void HostRunner::OnChildExit(size_t index) {
  std::optional<ExitInfo> exit = children_[index]->Reap();
  if (!exit) {
    return;
  }
  if (running_ == index) {
    EndTurn();
  }
  deferred_traps_[index].reset();
  tock::Process& process = kernel_.processes()[index];
  if (!process.IsAlive()) {
    return;  // the kernel already ended it
  }
  ++stats_.faults;
  listener_.ProcessFaulted(process, FormatFaultDump(process, *exit));
  if (kernel_.HandleFault(process, RunnableChild::ToFaultInfo(*exit), loop_cap_) ==
      tock::FaultOutcome::kPanic) {
    Panic(std::string("process ") + EscapedName(process) + " faulted under the panic fault policy");
  }
}

void HostRunner::OnSigchld() {
  signalfd_siginfo info;
  while (read(sigchld_fd_, &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info))) {
  }
  // SIGCHLDs coalesce: ask every child for its latest report.
  for (size_t i = 0; i < children_.size(); ++i) {
    const int pid = children_[i]->pid();
    const StopChange change = children_[i]->PollStopChange();
    if (change == StopChange::kNone) {
      continue;
    }
    if (change == StopChange::kStoppedFromOutside) {
      ++stats_.stops_from_outside;
    }
    listener_.ChildStopChanged(kernel_.processes()[i], pid, change);
  }
}

void HostRunner::ArmSliceTimer(size_t index, std::chrono::nanoseconds after) {
  const uint64_t turn = turn_;
  slice_timer_ = loop_.AddTimerAfter(after, [this, index, turn] { OnSliceTimer(index, turn); });
}

void HostRunner::OnSliceTimer(size_t index, uint64_t turn) {
  if (running_ != index || turn != turn_) {
    return;
  }
  slice_timer_.reset();
  RunnableChild& child = *children_[index];
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::nanoseconds>(EventLoop::Clock::now() - turn_start_);
  if (!slice_cpu_base_) {
    // The checkpoint: turns that last this long are rare enough to pay for reading the
    // child's CPU clock; the time before it counts as used in full.
    slice_cpu_base_ = child.CpuTimeNs().value_or(0);
    slice_charged_before_base_ = elapsed;
    if (elapsed < slice_) {
      ArmSliceTimer(index, slice_ - elapsed);
      return;
    }
  } else if (elapsed < slice_) {
    // The checkpoint of a turn whose baseline was taken at its start (deterministic mode),
    // or a timer that fired early: the slice is not over in wall-clock time.
    ArmSliceTimer(index, slice_ - elapsed);
    return;
  }
  // A request posted just before the deadline is answered, not lost; so is a notified system
  // call (the MPU gate's mprotect) whose notification the loop has not read yet: the app was
  // waiting for the kernel, not sleeping by choice.
  PollChannel(index);
  if (running_ != index || turn != turn_) {
    return;
  }
  const bool served_notification = ServePendingNotification(index);
  // What the turn cost the app: its CPU time, or the wall clock if that cannot be read.
  std::chrono::nanoseconds used = elapsed;
  if (const std::optional<uint64_t> cpu = child.CpuTimeNs(); cpu && *cpu >= *slice_cpu_base_) {
    used = slice_charged_before_base_ + std::chrono::nanoseconds(*cpu - *slice_cpu_base_);
  }
  // The slice is over unless the app merely waited for a busy host: it still wants a CPU (or
  // waits for the kernel's answer) and has not used its slice. Sleeping, being stopped or
  // launching does not extend a turn, and no turn lasts beyond kMaxSliceStretch slices (more
  // in deterministic mode, where a preemption costs the trace its repeatability).
  const bool launching =
      child.phase() == ChildPhase::kSpawning || child.phase() == ChildPhase::kReady;
  const int stretch = deterministic_ ? kMaxSliceStretchDeterministic : kMaxSliceStretch;
  const bool host_held_it_back =
      !launching && used < slice_ && elapsed < stretch * slice_ &&
      (served_notification || child.phase() == ChildPhase::kInKernel || child.WantsCpu());
  if (host_held_it_back) {
    ArmSliceTimer(index, std::max<std::chrono::nanoseconds>(slice_ - used, kMinSliceRest));
    return;
  }
  child.Preempt();
  ++stats_.timeslice_expiries;
  kernel_.HandleTimesliceExpired(kernel_.processes()[index], loop_cap_);
  listener_.TimesliceExpired(kernel_.processes()[index]);
  EndTurn();
  Schedule();
}

bool HostRunner::ServePendingNotification(size_t index) {
  RunnableChild& child = *children_[index];
  const int listener = child.fds().listener;
  if (listener < 0) {
    return false;
  }
  pollfd pending{.fd = listener, .events = POLLIN, .revents = 0};
  if (::poll(&pending, 1, 0) != 1 || (pending.revents & POLLIN) == 0) {
    return false;
  }
  child.HandleSeccompNotification();
  return true;
}

void HostRunner::ResumeChild(size_t index) {
  loop_.ArmSpin();  // the app's next request must not have to wake us
  children_[index]->Resume();
}

void HostRunner::StartRunning(size_t index, uint32_t timeslice_us) {
  running_ = index;
  ++turn_;
  ++stats_.context_switches;
  turn_start_ = EventLoop::Clock::now();
  slice_ = std::chrono::microseconds(timeslice_us);
  slice_cpu_base_.reset();
  slice_charged_before_base_ = std::chrono::nanoseconds(0);
  if (deterministic_ && children_[index]->phase() != ChildPhase::kSpawning) {
    // Deterministic mode pays one CPU-clock read per turn: on a loaded host the checkpoint
    // fires late, and the time before it would count as the app's, ending its turn early.
    slice_cpu_base_ = children_[index]->CpuTimeNs();
  }
  ArmSliceTimer(index, std::min<std::chrono::nanoseconds>(kSliceCheckpoint, slice_));
  loop_.SetSpinSource(this);
  if (std::optional<RunnableChild::Trap> trap = deferred_traps_[index]) {
    deferred_traps_[index].reset();
    OnSyscall(index, *trap);
    return;
  }
  RunnableChild& child = *children_[index];
  if (child.phase() == ChildPhase::kSpawning) {
    PollChannel(index);  // the launch handshake may already be there (it resumes the child)
  } else {
    ResumeChild(index);
  }
}

void HostRunner::EndTurn() {
  resume_pending_ = false;
  if (slice_timer_) {
    loop_.CancelTimer(*slice_timer_);
  }
  slice_timer_.reset();
  running_.reset();
  loop_.SetSpinSource(nullptr);
}

void HostRunner::Schedule() {
  if (in_schedule_ || panicked_ || held_) {
    return;
  }
  in_schedule_ = true;
  // Stopped or terminated behind the runner's back (process console, control socket): the child
  // must not keep the CPU. A syscall it posts meanwhile waits until it is resumed.
  if (running_ && kernel_.processes()[*running_].state() != tock::ProcessState::kRunning) {
    children_[*running_]->Preempt();
    EndTurn();
  }
  if (resume_pending_ && running_) {
    resume_pending_ = false;
    ResumeChild(*running_);
  }
  // Starting a process can end its turn at once (a deferred yield), so loop until one runs.
  while (!running_ && !panicked_) {
    std::optional<tock::Kernel::ScheduledRun> run = kernel_.NextProcessToRun(loop_cap_);
    if (!run) {
      CheckAllDone();
      break;
    }
    StartRunning(static_cast<size_t>(run->process - kernel_.processes().data()), run->timeslice_us);
  }
  in_schedule_ = false;
  listener_.StepDone();
}

void HostRunner::Panic(const std::string& reason) {
  if (panicked_) {
    return;
  }
  EndTurn();
  panicked_ = true;
  listener_.KernelPanicked(reason);
}

void HostRunner::CheckAllDone() {
  for (const tock::Process& p : kernel_.processes()) {
    if (p.state() != tock::ProcessState::kUnused && p.IsAlive()) {
      done_reported_ = false;
      return;
    }
  }
  if (done_reported_) {
    return;
  }
  done_reported_ = true;
  listener_.AllProcessesDone();
}

}  // namespace tock::hostkernel
