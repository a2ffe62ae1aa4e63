// LinuxProcess: one running app as an isolated x32 Linux child, seen from tockd.
//
// Owns the child (pid, pidfd), its channel page (mapped in tockd too), the wake
// eventfd and the seccomp listener. Spawning writes the launch block, execs the
// embedded launcher, and the child posts a launch handshake once its filter is
// in place. The kernel then talks to it only through the channel: PollRequest
// copies a request out exactly once, Reply posts the answer and wakes the app.
// The MPU stand-in is here too: ApproveBreak records the one mprotect the child
// may make next, and HandleSeccompNotification enforces it.
// Single-threaded: call everything from the event loop thread.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_LINUX_PROCESS_H_
#define TOCKPP_HOSTKERNEL_PROCESS_LINUX_PROCESS_H_

#include <sys/types.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/process/app_memory.h"
#include "hostkernel/process/child_state.h"
#include "hostkernel/process/exit_info.h"
#include "hostkernel/process/host_time.h"
#include "hostkernel/process/mapping.h"
#include "hostkernel/process/unique_fd.h"
#include "hostkernel/process/yield_spin_budget.h"

namespace tock::hostkernel {

// Where the app starts: Tock's crt0 convention (drivers-and-memory.md §9).
struct LaunchSpec {
  uint32_t entry = 0;         // initial eip (TBF start + header_size + init_fn_offset)
  uint32_t app_start = 0;     // eax (r0)
  uint32_t memory_start = 0;  // ebx (r1); defaults to the AppMemory RAM start when 0
  uint32_t memory_len = 0;    // ecx (r2); defaults to the AppMemory RAM size when 0
  uint32_t app_break = 0;     // edx (r3) and esp; 0 = memory_start + TOCK_HOST_INITIAL_BREAK_BYTES
  std::string name;           // shown by ps/top (first 15 bytes); default "tock-app"
  // The app's spin budgets for a reply (channel spin hints, `pause` iterations of ~25 ns):
  // while tockd spins on the channel / after waking a blocked tockd.
  uint32_t app_spin_kernel_spinning = 1000;
  uint32_t app_spin_kernel_blocked = 0;
  // How often the app checks for the answer to a blocking yield (sched_yield between checks)
  // before it sleeps in FUTEX_WAIT (tock_channel.h); 0 = sleep at once. The most it will do:
  // an app whose answers keep having to wake it stops checking (YieldSpinBudget).
  uint32_t app_yield_checks = 0;
  // Debugged (hostkernel/debug): the launcher lets any process of tockd's user ptrace it
  // (Yama), and tockd never stops or continues it with signals (set_debugged).
  bool debug = false;
};

// A spawn hands the child six fds: the five of tock_launch.h (3..7) and the launcher image
// (8, exec'd as /proc/self/fd/8). Each passes through a temporary number first; these are the
// smallest above 8 that are not a source, so at most 20: a spawn works at RLIMIT_NOFILE >= 21
// whatever tockd's own fd numbers are (hostkernel/daemon/fd_budget.h counts those).
inline constexpr size_t kSpawnFds = 6;
inline constexpr size_t kSpawnFdCeiling = 21;  // RLIMIT_NOFILE a spawn itself needs at most
std::array<int, kSpawnFds> SpawnTemporaryFds(const std::array<int, kSpawnFds>& sources);

// One request copied out of the channel (the copy is the only read of `req`).
struct ChannelRequest {
  uint32_t syscall_class = 0;
  uint32_t arg[4] = {};
  uint32_t stack_pointer = 0;
};

// A page-granular protection change of the child's RAM.
struct ProtectionChange {
  uint32_t addr = 0;
  uint32_t len = 0;   // 0 = no change
  uint32_t prot = 0;  // PROT_NONE or PROT_READ|PROT_WRITE
};

class LinuxProcess {
 public:
  enum class Poll {
    kNone,               // nothing new on the channel
    kLaunched,           // the launcher is ready (filter installed); Start() lets the app run
    kSyscall,            // a request with a TRD104 class 0..7; answer with Reply()
    kProtocolViolation,  // bad class, handshake out of order, or a request while one is
                         // pending; the caller should Kill() (the request is in `out`)
  };
  enum class Notification {
    kNone,      // nothing pending (spurious wake-up)
    kApproved,  // the approved mprotect was let through
    kRejected,  // anything else: the child has been killed ("mprotect not approved ...")
  };

  // Spawns a child for `memory` (which must outlive it) and returns at once;
  // the child reports kLaunched via PollRequest when its filter is installed.
  static absl::StatusOr<std::unique_ptr<LinuxProcess>> Spawn(AppMemory& memory,
                                                             const LaunchSpec& spec);
  ~LinuxProcess();  // kills and reaps the child if still alive
  LinuxProcess(const LinuxProcess&) = delete;
  LinuxProcess& operator=(const LinuxProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Readable when the app (or launcher) wrote the wake eventfd: drain, then PollRequest.
  int eventfd() const { return eventfd_.get(); }
  // Readable when the child has exited (then TryReap).
  int pidfd() const { return pidfd_.get(); }
  // Seccomp listener (valid after kLaunched): readable when an mprotect waits for a verdict.
  int listener_fd() const { return listener_.get(); }
  // The child's phase and stop overlay (child_state.h); every change goes through it.
  const ChildState& state() const { return state_; }
  ChildPhase phase() const { return state_.phase(); }
  bool launched() const { return state_.launched(); }
  bool awaiting_reply() const { return state_.awaiting_kernel(); }
  tock_channel* channel() const { return reinterpret_cast<tock_channel*>(channel_map_.data()); }
  // tockd's view of the child's IPC window (TOCK_HOST_IPC_WINDOW_BYTES at
  // TOCK_HOST_IPC_WINDOW_ADDR in the child).
  uint8_t* ipc_window() const {
    return channel_map_.data() + (TOCK_HOST_IPC_WINDOW_ADDR - TOCK_HOST_CHANNEL_ADDR);
  }
  AppMemory& memory() const { return *memory_; }
  // What the launcher did to keep host time from the app (valid after kLaunched).
  const HostTimeHiding& host_time() const { return host_time_; }

  // --- Channel ---------------------------------------------------------------
  // Reads 8 bytes from the eventfd if any (non-blocking).
  void DrainEventfd();
  // Checks the channel for a new request; on kSyscall/kProtocolViolation `*out` is the copy.
  [[nodiscard]] Poll PollRequest(ChannelRequest* out);
  // Lets a launched child jump to the app entry (the reply to the handshake).
  void Start();
  // Posts the reply to the pending request and wakes the app. rep.protect_* is
  // overwritten with the change ApproveBreak approved during this request (or none).
  // kernel_waiting is left alone: the app learns that tockd spins only by seeing
  // kernel_waiting == 0 when it posts, i.e. while tockd really is on a CPU spinning.
  void Reply(const tock_channel_reply& rep);
  // Kernel spins on this channel: the app need not write the eventfd (fast path).
  // EndSpin restores "kernel blocked"; PollRequest afterwards to close the race.
  void BeginSpin();
  void EndSpin();
  // Changes the app's spin hints (see LaunchSpec); takes effect at its next request.
  void SetAppSpin(uint32_t kernel_spinning, uint32_t kernel_blocked);

  // --- Scheduling ------------------------------------------------------------
  // Preempts the child with SIGSTOP (it cannot block or catch it) if app code may run
  // (phase kRunning or kInKernel); the launcher is never stopped. The channel goes back to
  // "kernel blocked" so a request posted just before the stop still wakes tockd.
  void Stop();
  // SIGCONT if tockd stopped it (a stop from outside is left alone).
  void Continue();
  bool stopped() const { return state_.stopped_by_kernel(); }
  // Non-blocking: reads the child's latest stop/continue report (waitid WSTOPPED|WCONTINUED)
  // and tells apart the ones tockd did not cause. Call when SIGCHLD arrives.
  StopChange PollStopChange();
  // CPU time used by the child so far (its process CPU clock); nullopt once it is gone.
  std::optional<uint64_t> CpuTimeNs() const;
  // The child's scheduler state is R (running or waiting for a CPU): /proc/PID/stat.
  bool WantsCpu() const;
  // Blocks until the child is stopped (waitid WSTOPPED); for tests and orderly stops.
  absl::Status WaitUntilStopped();

  // --- Debugging -------------------------------------------------------------
  // A debugged child is never sent SIGSTOP/SIGCONT by Stop()/Continue() (a debugger would
  // report each one as a signal; the state still records the preemption, so its system calls
  // wait for its turns as before): it may run outside its turns. Every stop it makes is one
  // from outside. Turning it on while tockd's own SIGSTOP is in effect continues it now.
  void set_debugged(bool debugged);
  bool debugged() const { return debugged_; }
  // A tracer (gdb) is attached: /proc/PID/status's TracerPid is not 0.
  bool traced() const;

  // --- MPU stand-in ----------------------------------------------------------
  // The child may access RAM up to `new_break` (rounded up to a page). Records the
  // mprotect the child must make as the only one tockd will let through, zeroes
  // newly exposed pages, and puts it in the next Reply's rep.protect_*.
  // InvalidArgument if new_break is outside [memory_start, memory_end].
  absl::StatusOr<ProtectionChange> ApproveBreak(uint32_t new_break);
  // End of RAM the app is meant to reach (page aligned, the last approved break).
  uint32_t accessible_end() const { return accessible_end_; }
  // Every RAM page at or above this address is PROT_NONE in the child *now*
  // (page aligned). The kernel must never place a grant below it.
  uint32_t reachable_end() const { return reachable_end_; }
  // Call when listener_fd() is readable.
  Notification HandleSeccompNotification();

  // --- End of life -----------------------------------------------------------
  // SIGKILL; the reason shows up in the ExitInfo (kKilledByKernel).
  void Kill(std::string reason);
  // Non-blocking reap; nullopt while the child lives.
  std::optional<ExitInfo> TryReap();
  // Blocking reap.
  ExitInfo WaitExit();
  bool reaped() const { return state_.phase() == ChildPhase::kExited; }

 private:
  LinuxProcess() = default;
  ExitInfo MakeExitInfo(int code, int status) const;
  void Signal(int sig);
  void WakeApp();

  AppMemory* memory_ = nullptr;
  pid_t pid_ = -1;
  UniqueFd pidfd_, eventfd_, listener_;
  Mapping channel_map_;
  uint32_t seen_app_seq_ = 0;
  HostTimeHiding host_time_;
  uint32_t accessible_end_ = 0;
  uint32_t reachable_end_ = 0;
  ProtectionChange pending_;        // the one mprotect the child may make
  ProtectionChange reply_protect_;  // to report in the next Reply
  ChildState state_;
  // The app's checks after a blocking yield, adapted to how its last answers arrived.
  YieldSpinBudget yield_spin_;
  bool answering_blocking_yield_ = false;
  std::string kill_reason_;
  bool debugged_ = false;
  bool stop_signalled_ = false;  // tockd's SIGSTOP is in effect (not yet SIGCONTed)
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_LINUX_PROCESS_H_
