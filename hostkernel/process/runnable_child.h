// RunnableChild: what the host scheduler (hostkernel/runtime/host_runner.h) needs from one
// process slot's Linux child, and nothing more. HostProcess implements it on a real child;
// the scheduler's unit tests implement it on a scripted fake, so every event can be tried in
// every phase without forking. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_RUNNABLE_CHILD_H_
#define TOCKPP_HOSTKERNEL_PROCESS_RUNNABLE_CHILD_H_

#include <cstdint>
#include <optional>

#include "hostkernel/process/child_state.h"
#include "hostkernel/process/exit_info.h"
#include "kernel/fault_policy.h"
#include "kernel/syscall.h"

namespace tock::hostkernel {

class RunnableChild {
 public:
  // One system call as the child posted it.
  struct Trap {
    uint32_t syscall_class = 0;
    tock::SyscallRegisters regs{};
    uint32_t stack_pointer = 0;  // as the app reported it (untrusted; 0: not given)
  };
  enum class Event {
    kNone,
    kLaunched,           // the launcher is ready; the next Resume() lets the app start
    kSyscall,            // `trap` holds a system call for Kernel::HandleSyscall
    kProtocolViolation,  // the child broke the channel protocol and has been killed
  };
  // The fds the loop watches for a live child (-1: none yet).
  struct Fds {
    int wake = -1;      // readable: the child wrote its wake eventfd (DrainWake, then Poll)
    int exit = -1;      // readable: the child has exited (Reap)
    int listener = -1;  // readable: a notified system call waits (HandleSeccompNotification)
  };
  // Told after a new child exists and before one goes away, so the loop can (un)watch its fds.
  struct Observer {
    virtual ~Observer() = default;
    virtual void ChildSpawned(RunnableChild& child) = 0;
    virtual void ChildGoing(RunnableChild& child) = 0;
  };

  virtual ~RunnableChild() = default;
  virtual void set_observer(Observer* observer) = 0;

  // kExited when there is no child at all.
  virtual ChildPhase phase() const = 0;
  virtual Fds fds() const = 0;
  virtual void DrainWake() = 0;
  virtual Event Poll(Trap* trap) = 0;
  // Lets the child run: posts what it waits for (start, answer or upcall) and continues it if
  // tockd stopped it. A child still spawning is left alone (it is resumed after kLaunched).
  virtual void Resume() = 0;
  // The turn is over: stops the child if app code may run.
  virtual void Preempt() = 0;
  // The loop spins on this child's channel (the app need not wake tockd) / stops spinning.
  virtual void BeginSpin() = 0;
  virtual void EndSpin() = 0;
  virtual void HandleSeccompNotification() = 0;
  // Non-blocking reap; once it returns an exit the child is gone (ChildGoing came first).
  virtual std::optional<ExitInfo> Reap() = 0;
  virtual StopChange PollStopChange() = 0;
  // The child's Linux pid, for logs (-1 when there is none).
  virtual int pid() const = 0;
  // CPU time the child has used so far; nullopt when there is no child.
  virtual std::optional<uint64_t> CpuTimeNs() const = 0;
  // True while the child wants a CPU (running, or runnable and waiting for one); false while
  // it sleeps or is stopped. Costs a read of /proc: for the end of a timeslice only.
  virtual bool WantsCpu() const = 0;

  // The kernel's view of how a child ended (memory fault, illegal instruction, killed, ...).
  static tock::FaultInfo ToFaultInfo(const ExitInfo& exit);
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_RUNNABLE_CHILD_H_
