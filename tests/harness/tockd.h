// Tockd: runs the real tockd daemon as a child of a test, with apps from the test's data,
// captures its console (stdout) and log (stderr) on a background reader, and lets the test
// wait for output, type into the console, drive the control socket and collect the exit
// status. Waits synchronise on output; their timeouts are only failure guards.
// Owns: the tockd child (killed on destruction), its pipes, a temp dir for sockets.
#ifndef TOCKPP_TESTS_HARNESS_TOCKD_H_
#define TOCKPP_TESTS_HARNESS_TOCKD_H_

#include <sys/types.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/harness/control_client.h"
#include "tests/harness/exit_status.h"
#include "tests/harness/fault_report.h"
#include "tests/harness/pattern.h"
#include "tests/harness/unique_fd.h"

namespace tockpp::harness {

// Which clock tockd runs on. kVirtual passes --time=virtual (issue 8); waits keep wall-clock
// guards either way.
enum class TimeMode { kReal, kVirtual };

struct TockdOptions {
  // Apps in load order: labels from the test's data ("//apps/examples/hello:hello.tbf"),
  // workspace-relative paths or absolute paths.
  std::vector<std::string> apps;
  // Extra tockd flags, verbatim ("--fault-policy=restart:2", "--timeslice=2ms").
  std::vector<std::string> flags;
  std::string log_level = "info";
  bool exit_when_done = true;  // --exit-when-done
  bool control = false;        // --control=unix:<tempdir>/control.sock, then connect + watch
  TimeMode time = TimeMode::kReal;
  // --process-console: "off" here so the console carries only app output; "active" (tockd's
  // default, as upstream) or "hibernated" to test the process console itself.
  std::string process_console = "off";
  // --trace into <tempdir>/trace.jsonl; read it with TraceLines() (issue 8).
  bool trace = false;
  std::string tockd_path;  // empty: $TOCKD, else //hostkernel:tockd from the runfiles
  // Guard for waits that are not given one, and for Start()'s control-socket connect.
  absl::Duration default_timeout = absl::Seconds(20);
};

// Captured streams: the app console (tockd's stdout), the kernel log (stderr) and, with
// `control`, the control socket's `watch` events ("led 0 on t=...").
enum class Stream { kConsole, kLog, kEvents };

class Tockd {
 public:
  // Starts tockd; fails if a file is missing or tockd cannot be started (or, with `control`,
  // its socket does not come up).
  static absl::StatusOr<std::unique_ptr<Tockd>> Start(TockdOptions options);
  ~Tockd();  // SIGTERM (then SIGKILL) if still running; reaps; removes the temp dir
  Tockd(const Tockd&) = delete;
  Tockd& operator=(const Tockd&) = delete;

  // --- Output. Each wait returns as soon as the stream has it, fails early when the stream
  // has ended without it, and fails with the captured output when `timeout` passes.
  ::testing::AssertionResult WaitForConsole(const Pattern& pattern);
  ::testing::AssertionResult WaitForConsole(const Pattern& pattern, absl::Duration timeout);
  ::testing::AssertionResult WaitForLog(const Pattern& pattern);
  ::testing::AssertionResult WaitForLog(const Pattern& pattern, absl::Duration timeout);
  ::testing::AssertionResult WaitForEvent(const Pattern& pattern);
  ::testing::AssertionResult WaitForEvent(const Pattern& pattern, absl::Duration timeout);
  // At least `count` non-overlapping matches on `stream`.
  ::testing::AssertionResult WaitFor(Stream stream, const Pattern& pattern, int count,
                                     absl::Duration timeout);
  // The `index`-th (0-based) complete fault dump of `app`; copies it to `*report` if given.
  ::testing::AssertionResult WaitForFault(std::string_view app, FaultReport* report = nullptr,
                                          int index = 0);
  ::testing::AssertionResult WaitForFault(std::string_view app, FaultReport* report, int index,
                                          absl::Duration timeout);

  // Snapshots of what was captured so far.
  std::string Console() const;
  std::string Log() const;
  std::string Events() const;
  std::string Text(Stream stream) const;
  int Count(Stream stream, const Pattern& pattern) const;
  // Complete lines only (a line still being written is left out).
  std::vector<std::string> Lines(Stream stream) const;
  std::vector<FaultReport> Faults() const;  // complete dumps in the log so far
  // With options.trace: the trace file's complete lines so far (one JSON object each).
  std::vector<std::string> TraceLines() const;
  const std::string& trace_path() const { return trace_path_; }

  // --- Input.
  ::testing::AssertionResult TypeConsole(std::string_view bytes);  // to tockd's stdin
  void CloseConsoleInput();                                        // EOF on stdin

  // --- Control socket (only with options.control).
  ControlClient& control();
  ::testing::AssertionResult PressButton(int button);
  ::testing::AssertionResult ReleaseButton(int button);
  absl::StatusOr<std::vector<bool>> Leds();
  // Waits until `inspect app` satisfies `predicate`, re-inspecting after every new watch event
  // (process state changes are events). Copies the matching ProcessInfo to `*info` if given.
  ::testing::AssertionResult WaitForProcess(
      std::string_view app, const std::function<bool(const ProcessInfo&)>& predicate,
      ProcessInfo* info = nullptr);
  ::testing::AssertionResult WaitForProcess(
      std::string_view app, const std::function<bool(const ProcessInfo&)>& predicate,
      ProcessInfo* info, absl::Duration timeout);

  // --- App processes (each app runs as a Linux child of tockd).
  // The pid of the app process whose /proc/PID/comm is `name` (its TBF package name; Linux
  // keeps the first 15 bytes), the lowest if several match; nullopt if none runs now (not yet
  // spawned or launched, between restarts, exited). For signalling an app from outside, e.g.
  // SIGSTOP/SIGCONT. Found through /proc/<tockd>/task/*/children, or by scanning /proc/*/stat
  // for tockd's children where the kernel has no `children` files.
  std::optional<pid_t> AppPid(std::string_view name) const;
  // Every live child of tockd: pid and comm, by pid.
  std::vector<std::pair<pid_t, std::string>> AppProcesses() const;

  // --- Exit. Waits for tockd to exit and its output to end; kRunning if `timeout` passed.
  ExitStatus WaitForExit();
  ExitStatus WaitForExit(absl::Duration timeout);
  // SIGTERM, then SIGKILL if it has not exited within `grace`; returns how it ended.
  ExitStatus Stop(absl::Duration grace = absl::Seconds(5));
  ExitStatus exit_status() const;
  pid_t pid() const { return pid_; }
  const std::vector<std::string>& argv() const { return argv_; }  // the command line run
  const TockdOptions& options() const { return options_; }

 private:
  struct Buffer {
    std::string data;
    bool open = false;  // still being read
  };

  explicit Tockd(TockdOptions options);
  absl::Status Spawn();
  absl::Status ConnectControl(absl::Time deadline);
  void ReaderLoop();
  std::string Describe(std::unique_lock<std::mutex>& lock) const;  // failure context
  ::testing::AssertionResult CheckStatus(const absl::Status& status, std::string_view what);

  TockdOptions options_;
  std::vector<std::string> argv_;
  std::string temp_dir_;
  std::string control_path_;
  std::string trace_path_;
  pid_t pid_ = -1;
  UniqueFd stdin_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  UniqueFd pidfd_;
  UniqueFd wake_;  // eventfd: tells the reader to quit
  UniqueFd inotify_;
  std::optional<ControlClient> control_;
  std::optional<ControlClient> watch_;

  mutable std::mutex mu_;
  std::condition_variable changed_;
  Buffer buffers_[3];
  ExitStatus exit_;
  std::thread reader_;
};

}  // namespace tockpp::harness

#endif  // TOCKPP_TESTS_HARNESS_TOCKD_H_
