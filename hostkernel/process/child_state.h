// ChildState: where one app's Linux child is in its life, as tockd sees it, and the one
// function that changes it.
//
// Phases (exactly one at a time):
//   kSpawning  the launcher runs (trusted code) and has not posted its handshake yet
//   kReady     the launcher posted its handshake and waits for the kernel's start
//   kRunning   app code runs: the kernel owes it nothing
//   kInKernel  the app posted a system call and waits for the kernel's answer
//   kExited    the child has been reaped
// "Stopped" sits on top of the phase, as Tock's Stopped(previous) sits on top of a process
// state: tockd's own SIGSTOP (a preemption) and a stop someone else sent are tracked
// separately, so a continue from outside cannot undo a preemption unnoticed and tockd never
// undoes a stop it did not make.
//
// Apply() rejects every edge not in the table (the state stays as it was), so a hostile child
// (a request before its handshake, a second request while one is pending) and a confused
// caller (an answer nobody asked for) cannot move the state anywhere it should not be.
// Pure logic: no system calls; LinuxProcess owns one and performs the signals and replies.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_CHILD_STATE_H_
#define TOCKPP_HOSTKERNEL_PROCESS_CHILD_STATE_H_

#include <cstdint>
#include <optional>

namespace tock::hostkernel {

enum class ChildPhase : uint8_t { kSpawning, kReady, kRunning, kInKernel, kExited };

enum class ChildEvent : uint8_t {
  kHandshake,         // the launcher posted its ready message: kSpawning -> kReady
  kRequest,           // the app posted a system call: kRunning -> kInKernel
  kAnswer,            // the kernel started it (kReady) or answered (kInKernel) -> kRunning
  kKernelStop,        // tockd sends SIGSTOP (only while app code may run: kRunning, kInKernel)
  kKernelContinue,    // tockd sends SIGCONT (only after its own SIGSTOP)
  kStoppedOutside,    // waitid reported a stop tockd did not make
  kContinuedOutside,  // waitid reported a continue after a stop from outside
  kExit,              // reaped: from any phase but kExited
};

// What a child's stop/continue report (waitid WSTOPPED | WCONTINUED) meant.
enum class StopChange : uint8_t {
  kNone,                  // nothing new, or only tockd's own stop/continue
  kStoppedFromOutside,    // someone else stopped the child (kill -STOP)
  kContinuedFromOutside,  // ... and continued it again
  kPreemptionRestored,    // someone continued a child tockd had preempted: stopped again
};

const char* ChildPhaseName(ChildPhase phase);
const char* ChildEventName(ChildEvent event);

class ChildState {
 public:
  ChildState() = default;

  ChildPhase phase() const { return phase_; }
  bool stopped_by_kernel() const { return stopped_by_kernel_; }
  bool stopped_from_outside() const { return stopped_from_outside_; }
  // Past the handshake and not yet reaped.
  bool launched() const {
    return phase_ == ChildPhase::kReady || phase_ == ChildPhase::kRunning ||
           phase_ == ChildPhase::kInKernel;
  }
  // Blocked in the channel waiting for the kernel (start or answer).
  bool awaiting_kernel() const {
    return phase_ == ChildPhase::kReady || phase_ == ChildPhase::kInKernel;
  }
  // App code may be executing (or would be, but for a stop).
  bool app_code_may_run() const {
    return phase_ == ChildPhase::kRunning || phase_ == ChildPhase::kInKernel;
  }

  // The state after `event`, or nullopt if the edge is illegal.
  std::optional<ChildState> Next(ChildEvent event) const;
  // Applies `event` if legal; returns false (and changes nothing) if not.
  [[nodiscard]] bool Apply(ChildEvent event);

  friend bool operator==(const ChildState&, const ChildState&) = default;

 private:
  ChildPhase phase_ = ChildPhase::kSpawning;
  bool stopped_by_kernel_ = false;
  bool stopped_from_outside_ = false;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_CHILD_STATE_H_
