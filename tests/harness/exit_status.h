// ExitStatus: how a tockd run ended (still running, exited with a code, killed by a signal),
// as a comparable, printable value for EXPECT_EQ. Pure value type.
#ifndef TOCKPP_TESTS_HARNESS_EXIT_STATUS_H_
#define TOCKPP_TESTS_HARNESS_EXIT_STATUS_H_

#include <ostream>
#include <string>

namespace tock::harness {

struct ExitStatus {
  enum class Kind { kRunning, kExited, kSignaled };
  Kind kind = Kind::kRunning;
  int value = 0;  // exit code for kExited, signal number for kSignaled

  static ExitStatus Running() { return {}; }
  static ExitStatus Exited(int code) { return {Kind::kExited, code}; }
  static ExitStatus Signaled(int signal) { return {Kind::kSignaled, signal}; }
  // From a waitpid()/waitid() status word.
  static ExitStatus FromWaitStatus(int status);

  bool running() const { return kind == Kind::kRunning; }
  bool operator==(const ExitStatus&) const = default;
  std::string ToString() const;  // "running", "exited 3", "killed by signal 9 (Killed)"
};

void PrintTo(const ExitStatus& status, std::ostream* os);  // for gtest messages

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_EXIT_STATUS_H_
