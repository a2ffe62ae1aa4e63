// GdbSession: runs `gdb -batch` as a child of a test with its stdin and output (stdout and
// stderr together) on pipes, so a test can read what gdb printed so far, hold gdb at a
// `shell read` step while it checks the world, then let it go on. Waits block on gdb's output;
// their timeouts are only failure guards.
#ifndef TOCKPP_TESTS_DEBUG_GDB_SESSION_H_
#define TOCKPP_TESTS_DEBUG_GDB_SESSION_H_

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace tock::debugtest {

class GdbSession {
 public:
  // The words of the command tockd printed ("gdb -q -p PID ELF"), then -batch and one -ex per
  // command. Returns an error if gdb cannot be started.
  static absl::Status Start(const std::vector<std::string>& command,
                            const std::vector<std::string>& ex_commands, GdbSession* session);
  GdbSession() = default;
  ~GdbSession();  // kills gdb if it still runs
  GdbSession(const GdbSession&) = delete;
  GdbSession& operator=(const GdbSession&) = delete;

  // Reads gdb's output until it contains `text` (true) or ends or `timeout` passes (false).
  bool WaitForOutput(std::string_view text, absl::Duration timeout);
  // Writes one line to gdb's stdin (answers a `shell read` command).
  bool SendLine(std::string_view line);
  // Reads to the end of gdb's output and reaps it; returns its exit status (-1: killed/none).
  int WaitForExit(absl::Duration timeout);
  const std::string& output() const { return output_; }

 private:
  bool ReadSome(absl::Time deadline);  // false at EOF or deadline

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  bool eof_ = false;
  std::string output_;
};

}  // namespace tock::debugtest

#endif  // TOCKPP_TESTS_DEBUG_GDB_SESSION_H_
