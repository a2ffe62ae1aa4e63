// FdBudget: tockd's file-descriptor needs and the RLIMIT_NOFILE check; see fd_budget.h.
#include "hostkernel/daemon/fd_budget.h"

#include <dirent.h>

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tock::hostkernel {

FdBudget ComputeFdBudget(const FdBudgetInput& in) {
  size_t fixed = in.open_at_start;
  fixed += 1;  // io_uring (the event loop)
  fixed += 2;  // signalfds: SIGCHLD (the runner), SIGTERM/SIGINT (tockd)
  fixed += 1;  // the launcher image memfd every spawn execs
  fixed += in.flash_in_memory ? 2 : 1;
  if (in.console_socket) {
    fixed += 3;  // listener, the client, one more being refused
  }
  if (in.control) {
    const size_t clients =
        in.control_max_clients == 0 ? kFdsAssumedUnlimitedClients : in.control_max_clients;
    fixed += 1 + clients + 1;  // listener, clients, one more being told "too many clients"
  }
  if (in.trace) {
    fixed += 1;
  }
  fixed += kFdsTransient;
  FdBudget b;
  b.fixed = fixed;
  b.apps = in.apps;
  b.needed = std::max(fixed + b.per_app * in.apps, kFdsForSpawnPlan);
  return b;
}

size_t CountOpenFds(size_t fallback) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) {
    return fallback;
  }
  size_t n = 0;
  while (const dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') {
      ++n;
    }
  }
  closedir(dir);
  return n > 0 ? n - 1 : fallback;  // the directory's own fd
}

RlimitOps SystemRlimitOps() {
  return RlimitOps{[](rlimit* r) { return getrlimit(RLIMIT_NOFILE, r); },
                   [](const rlimit* r) { return setrlimit(RLIMIT_NOFILE, r); }};
}

absl::Status EnsureFdLimit(const FdBudget& budget, const RlimitOps& ops) {
  rlimit r{};
  if (ops.get(&r) != 0) {
    return absl::OkStatus();  // cannot tell: let the spawns report what fails
  }
  const rlim_t needed = budget.needed;
  if (r.rlim_cur == RLIM_INFINITY || r.rlim_cur >= needed) {
    return absl::OkStatus();
  }
  if (r.rlim_max == RLIM_INFINITY || r.rlim_max >= needed) {
    rlimit raised = r;
    raised.rlim_cur = r.rlim_max == RLIM_INFINITY ? needed : r.rlim_max;
    if (ops.set(&raised) == 0) {
      return absl::OkStatus();
    }
  }
  const std::string apps =
      budget.apps == 1 ? std::string("1 app needs") : absl::StrCat(budget.apps, " apps need");
  const std::string which =
      r.rlim_max != RLIM_INFINITY && r.rlim_max < needed
          ? absl::StrCat("RLIMIT_NOFILE hard limit is ", r.rlim_max)
          : absl::StrCat("RLIMIT_NOFILE is ", r.rlim_cur, " and cannot be raised");
  return absl::FailedPreconditionError(
      absl::StrCat(which, ", but ", apps, " ", needed, " file descriptors (", budget.fixed, " + ",
                   budget.per_app, " per app): raise it with ulimit -n ", needed,
                   " (or LimitNOFILE=", needed, " in a systemd unit), or run fewer apps"));
}

}  // namespace tock::hostkernel
