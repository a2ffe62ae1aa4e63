// ExitStatus conversions and printing.
#include "tests/harness/exit_status.h"

#include <string.h>
#include <sys/wait.h>

namespace tock::harness {

ExitStatus ExitStatus::FromWaitStatus(int status) {
  if (WIFEXITED(status)) {
    return Exited(WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) {
    return Signaled(WTERMSIG(status));
  }
  return Running();
}

std::string ExitStatus::ToString() const {
  switch (kind) {
    case Kind::kRunning:
      return "running";
    case Kind::kExited:
      return "exited " + std::to_string(value);
    case Kind::kSignaled:
      return "killed by signal " + std::to_string(value) + " (" + strsignal(value) + ")";
  }
  return "?";
}

void PrintTo(const ExitStatus& status, std::ostream* os) { *os << status.ToString(); }

}  // namespace tock::harness
