// Tockd: runs the real tockd daemon as a child of a test, with apps from the test's data,
// captures its console (stdout) and log (stderr) on a background reader, and lets the test
// wait for output, type into the console, drive the control socket and collect the exit
// status. Waits synchronise on output; their timeouts are only failure guards.
// With `platform = kQemu` the same class boots the QEMU MPS2-AN386 board instead (see
// TockdOptions::platform): the same apps, streams and waits, minus the host-only parts.
// Owns: the tockd (or qemu-system-arm) child, killed on destruction, its pipes, a temp dir.
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
#include "hostkernel/process/unique_fd.h"
#include "tests/harness/control_client.h"
#include "tests/harness/exit_status.h"
#include "tests/harness/fault_report.h"
#include "tests/harness/pattern.h"
#include "tests/harness/platform.h"

namespace tock::harness {

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
  // tockd --record into the temp dir: every outside input (console, control commands, the stop
  // signal). When the test has failed by the time the Tockd is destroyed, the recording goes
  // to the test's outputs ($TEST_UNDECLARED_OUTPUTS_DIR) and the commands that replay it
  // (with a trace, under gdb) are printed.
  bool record = true;
  // Replay this recording (tockd --replay=FILE) instead of starting the apps: the recording
  // supplies the apps, time, process console and exit mode (those options are ignored, and
  // there is no control socket); `flags` and `apps`, if given, must match it.
  std::string replay;
  std::string tockd_path;  // empty: $TOCKD, else //hostkernel:tockd from the runfiles
  // Guard for waits that are not given one, and for Start()'s control-socket connect.
  absl::Duration default_timeout = absl::Seconds(20);
  // kTockd, or kQemu: qemu-system-arm -M mps2-an386 -icount shift=0,sleep=off with
  // `board_kernel` and the apps (their Cortex-M TBFs: a `<name>_qemu` test's runfiles hold
  // those at the labels' paths) packed at 0x40000 by //platforms/userspace:pack_apps.py in the
  // given order. Start() returns once the board has loaded its apps. On QEMU the console is
  // UART0 without the kernel's lines (those end "\r\n"), the log is all of UART0 (fault dumps
  // included), events are "led N on|off" lines (from UART1's host link, or from the kernel's
  // "[led]" lines until the board has it: platform.h kQemuHostLink). Ignored there: flags,
  // log_level, exit_when_done, control, time (always virtual: -icount), process_console,
  // trace, tockd_path. Host-only (fail on QEMU): WaitForExit, control(), WaitForProcess.
  Platform platform = DefaultPlatform();
  std::string board_kernel = "//platforms/boards/qemu_mps2_an386:kernel.elf";
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
  // With options.record: the recording tockd writes (in the temp dir, gone with the Tockd).
  const std::string& record_path() const { return record_path_; }

  // --- Input.
  ::testing::AssertionResult TypeConsole(std::string_view bytes);  // to tockd's stdin
  void CloseConsoleInput();                                        // EOF on stdin

  // --- Control socket (only with options.control).
  ControlClient& control();
  // Also on QEMU with the host link (`press N` / `release N` on UART1).
  ::testing::AssertionResult PressButton(int button);
  ::testing::AssertionResult ReleaseButton(int button);
  // On QEMU: the states the events seen so far leave (all off at boot); wait for the event
  // first.
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
  // Host-only: the board never exits, so on QEMU this fails the test at once.
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
  bool qemu() const { return options_.platform == Platform::kQemu; }
  // Wait guards on QEMU are kQemuGuardScale times longer: under -icount shift=0 a busy CPU
  // runs virtual time several times slower than real time on a loaded machine.
  static constexpr int kQemuGuardScale = 4;
  absl::Duration Guard(absl::Duration timeout) const;
  absl::Status Spawn();
  absl::Status TockdCommandLine();  // fills argv_
  absl::Status MakeTempDir();       // temp_dir_, once
  // A failed test: the recording into the test's outputs, and how to replay it.
  void KeepRecording() const;
  absl::Status QemuCommandLine(int uart1_fd);  // packs the apps, fills argv_
  absl::Status Fork(const UniqueFd& keep);     // runs argv_; `keep` stays open in the child
  absl::Status WaitForBoot();
  ExitStatus WaitForEnd(absl::Duration timeout);
  // QEMU output, under mu_: UART0 text to log, console and (without the host link) events;
  // UART1 lines to events.
  void AddUart0(const char* data, size_t size);
  void AddUart1(const char* data, size_t size);
  void ReadQemu(int source, const char* data, ssize_t n);  // 0 stdout, 1 stderr, 2 UART1
  ::testing::AssertionResult HostLinkButton(int button, bool press);
  absl::Status ConnectControl(absl::Time deadline);
  void ReaderLoop();
  std::string Describe(std::unique_lock<std::mutex>& lock) const;  // failure context
  ::testing::AssertionResult CheckStatus(const absl::Status& status, std::string_view what);

  TockdOptions options_;
  std::vector<std::string> argv_;
  std::string temp_dir_;
  std::string control_path_;
  std::string trace_path_;
  std::string record_path_;
  pid_t pid_ = -1;
  UniqueFd stdin_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  UniqueFd pidfd_;
  UniqueFd wake_;  // eventfd: tells the reader to quit
  UniqueFd inotify_;
  std::optional<ControlClient> control_;
  std::optional<ControlClient> watch_;
  UniqueFd uart1_;            // QEMU: the board's UART1 (host link), a socket
  std::string uart0_line_;    // QEMU: UART0's unfinished line
  std::string uart1_line_;    // QEMU: UART1's unfinished line
  size_t console_whole_ = 0;  // QEMU: console bytes that are finished lines
  bool events_live_ = false;  // QEMU: boot done; LED changes from here on are events
  std::string qemu_stderr_;   // QEMU's own messages (shown on failures)
  std::string apps_path_;     // QEMU: the packed apps region image in temp_dir_

  mutable std::mutex mu_;
  std::condition_variable changed_;
  Buffer buffers_[3];  // by Stream
  ExitStatus exit_;
  std::thread reader_;
};

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_TOCKD_H_
