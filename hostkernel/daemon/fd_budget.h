// FdBudget: how many file descriptors tockd needs for a given configuration, and the start-up
// check of RLIMIT_NOFILE against it (raise the soft limit up to the hard one when that is
// enough; otherwise one line naming the limit, the number needed, the apps and the fix).
// RLIMIT_NOFILE bounds fd numbers, and Linux hands out the lowest free number, so a count of
// open fds is a bound on the numbers in use. Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_FD_BUDGET_H_
#define TOCKPP_HOSTKERNEL_DAEMON_FD_BUDGET_H_

#include <sys/resource.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "hostkernel/process/linux_process.h"

namespace tock::hostkernel {

// Per process with a live child: flash memfd, RAM memfd, wake eventfd, pidfd, seccomp listener.
inline constexpr size_t kFdsPerApp = 5;
// Open only while an app is (re)spawned: launch-block memfd, channel memfd, the seccomp filter
// export (first spawn only), /proc/PID/stat (WantsCpu); one spare.
inline constexpr size_t kFdsTransient = 4;
// A spawn moves six fds through numbers 9..20 in the child (LinuxProcess::Spawn), which must be
// below the limit too.
inline constexpr size_t kFdsForSpawnPlan = kSpawnFdCeiling;
// --control-max-clients=0 (no limit) is counted as this many clients; more are refused by the
// kernel's EMFILE, which the control socket survives (it backs off and retries).
inline constexpr size_t kFdsAssumedUnlimitedClients = 16;

struct FdBudgetInput {
  size_t open_at_start = 3;  // fds open when the check runs: stdio and anything inherited
  size_t apps = 0;           // processes that can exist at once: min(apps given, --max-processes)
  bool console_socket = false;
  bool control = false;
  uint32_t control_max_clients = 16;  // 0 = no limit
  bool trace = false;
  bool flash_in_memory = true;  // no --flash-file: a memfd, opened again by path
};

struct FdBudget {
  size_t fixed = 0;  // everything but the apps (including open_at_start)
  size_t per_app = kFdsPerApp;
  size_t apps = 0;
  size_t needed = 0;  // RLIMIT_NOFILE must be at least this
};

// The fixed part: open_at_start + io_uring (1) + SIGCHLD and SIGTERM/SIGINT signalfds (2) +
// launcher image memfd (1) + flash (1, or 2 in memory) + console socket (listener, client, one
// being refused: 3) + control socket (listener + clients + one being refused) + trace (1) +
// kFdsTransient; needed = max(fixed + kFdsPerApp * apps, kFdsForSpawnPlan).
FdBudget ComputeFdBudget(const FdBudgetInput& in);

// The fds open in this process now (counts /proc/self/fd), or `fallback` if it cannot be read.
size_t CountOpenFds(size_t fallback = 3);

// getrlimit / setrlimit for RLIMIT_NOFILE; tests substitute them.
struct RlimitOps {
  std::function<int(rlimit*)> get;
  std::function<int(const rlimit*)> set;
};
RlimitOps SystemRlimitOps();

// If the soft limit is below budget.needed and the hard limit is not, raises the soft limit to
// the hard limit (to `needed` if the hard limit is unlimited). Ok when the limit (now)
// suffices; else FailedPrecondition whose message is the one line to print, e.g.
// "RLIMIT_NOFILE hard limit is 32, but 8 apps need 57 file descriptors (17 + 5 per app): raise
// it with ulimit -n 57 (or LimitNOFILE=57 in a systemd unit), or run fewer apps".
absl::Status EnsureFdLimit(const FdBudget& budget, const RlimitOps& ops);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_FD_BUDGET_H_
