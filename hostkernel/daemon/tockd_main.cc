// tockd: the Tock kernel as a Linux daemon. Each app (a TBF, or the host TBFs of a TAB) runs as
// an isolated x32 child process; the portable kernel and capsules run here, on one
// single-threaded event loop. See hostkernel/README.md for the tour.
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "hostkernel/board/host_board.h"
#include "hostkernel/config/fault_policy_spec.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/control_server.h"
#include "hostkernel/daemon/command_line.h"
#include "hostkernel/daemon/config.h"
#include "hostkernel/daemon/fault_policies.h"
#include "hostkernel/daemon/fd_budget.h"
#include "hostkernel/daemon/main_loop.h"
#include "hostkernel/daemon/record_replay.h"
#include "hostkernel/daemon/version.h"
#include "hostkernel/debug/app_debugger.h"
#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/loader/load_plan.h"
#include "hostkernel/peripherals/event_loop_reactor.h"
#include "hostkernel/peripherals/file_flash.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/real_clock.h"
#include "hostkernel/peripherals/unix_console.h"
#include "hostkernel/peripherals/virtual_clock.h"
#include "hostkernel/process/unique_fd.h"
#include "hostkernel/replay/recorder.h"
#include "hostkernel/replay/recording.h"
#include "hostkernel/replay/replayer.h"
#include "hostkernel/runtime/app_image.h"
#include "hostkernel/runtime/escaped_name.h"
#include "hostkernel/runtime/host_runner.h"
#include "hostkernel/runtime/kernel_introspection.h"
#include "hostkernel/runtime/tracer.h"
#include "hostkernel/status/status_macros.h"
#include "hostkernel/symbols/app_symbols.h"
#include "kernel/deferred_call.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

// Reacts to what the runner reports: logs faults, accounts virtual time, writes the trace.
class Daemon final : public HostRunner::Listener {
 public:
  Daemon(tock::Kernel& kernel, HostClock& clock, VirtualClock* virtual_clock,
         std::span<TracingBoundary> boundaries)
      : kernel_(kernel), clock_(clock), virtual_clock_(virtual_clock), boundaries_(boundaries) {}

  int exit_code() const { return exit_code_; }
  const std::string& panic_reason() const { return panic_reason_; }
  bool finished() const { return finished_; }
  void set_exit_when_done(bool v) { exit_when_done_ = v; }
  bool exit_when_done() const { return exit_when_done_; }
  void set_tracer(Tracer* tracer) { tracer_ = tracer; }
  void set_control(ControlServer* control) { control_ = control; }
  void set_board(const HostBoard* board) { board_ = board; }
  // --record / --replay: called after every syscall was handled and at every expired
  // timeslice, while the process still holds the CPU (where outside inputs are delivered to a
  // running process).
  void set_at_app_boundary(std::function<void()> hook) { at_app_boundary_ = std::move(hook); }
  void Finish() { finished_ = true; }
  // Preemptions at a wall-clock timeslice: the only source of non-determinism in virtual time.
  uint64_t wall_clock_preemptions() const { return preemptions_; }

  // Apps that faulted this run, in the order of their first fault, with how often.
  const std::vector<std::pair<std::string, int>>& faulted_apps() const { return faulted_; }

  void ProcessFaulted(const tock::Process& p, const std::string& dump) override {
    spdlog::error("{}", dump);
    const std::string name = EscapedName(p);
    auto it = std::find_if(faulted_.begin(), faulted_.end(),
                           [&name](const auto& entry) { return entry.first == name; });
    if (it == faulted_.end()) {
      faulted_.emplace_back(name, 1);
    } else {
      ++it->second;
    }
    if (virtual_clock_ != nullptr) {
      virtual_clock_->ChargeFault();
    }
    if (tracer_ != nullptr) {
      const size_t nl = dump.find('\n');
      const size_t cause = dump.find("Cause: ");
      tracer_->Fault(p, cause == std::string::npos
                            ? dump.substr(0, nl)
                            : dump.substr(cause + 7, dump.find('\n', cause) - cause - 7));
    }
  }
  void KernelPanicked(const std::string& reason) override {
    spdlog::critical("kernel panic: {}", reason);
    panic_reason_ = reason;
    if (tracer_ != nullptr) {
      tracer_->Note("panic", reason);
    }
    exit_code_ = 3;
    finished_ = true;
  }
  void AllProcessesDone() override {
    spdlog::info("no process can run any more");
    if (exit_when_done_) {
      finished_ = true;
    }
  }
  void SyscallHandled(const tock::Process& p, const HostProcess::Trap& trap) override {
    if (virtual_clock_ != nullptr) {
      virtual_clock_->ChargeSyscall();
    }
    TracingBoundary& boundary = boundaries_[&p - kernel_.processes().data()];
    std::optional<tock::EncodedReturn> ret = boundary.TakeLastReturn();
    if (tracer_ != nullptr) {
      tracer_->Syscall(p, trap, ret);
    }
    if (at_app_boundary_) {
      at_app_boundary_();
    }
  }
  void ChildStopChanged(const tock::Process& p, int pid, StopChange change) override {
    const std::string name = EscapedName(p);
    switch (change) {
      case StopChange::kStoppedFromOutside:
        spdlog::warn(
            "app '{}' (pid {}) was stopped from outside tockd (SIGSTOP); it keeps its turns, "
            "which end at the timeslice, until it is continued",
            name, pid);
        break;
      case StopChange::kContinuedFromOutside:
        spdlog::info("app '{}' (pid {}) was continued from outside tockd", name, pid);
        break;
      case StopChange::kPreemptionRestored:
        spdlog::debug("app '{}' (pid {}) continued while preempted: stopped again", name, pid);
        break;
      case StopChange::kNone:
        break;
    }
    if (tracer_ != nullptr && change != StopChange::kPreemptionRestored) {
      tracer_->Note(
          change == StopChange::kStoppedFromOutside ? "stopped-outside" : "continued-outside",
          name);
    }
  }
  void TimesliceExpired(const tock::Process& p) override {
    ++preemptions_;
    if (virtual_clock_ != nullptr) {
      virtual_clock_->ChargeTimeslice();
    }
    if (tracer_ != nullptr) {
      tracer_->Note("preempted", std::string(p.name(), p.name_length()));
    }
    if (at_app_boundary_) {
      at_app_boundary_();
    }
  }
  // Reports every process whose state changed since the last step to the trace and to the
  // control socket's watchers ("process NAME STATE").
  void StepDone() override {
    ReportConsoleInputNoAppGot();
    const auto processes = kernel_.processes();
    last_states_.resize(processes.size(), {0, tock::ProcessState::kUnused});
    for (size_t i = 0; i < processes.size(); ++i) {
      const tock::Process& p = processes[i];
      const std::pair<uint32_t, tock::ProcessState> now{p.id().id(), p.state()};
      if (now == last_states_[i]) {
        continue;
      }
      last_states_[i] = now;
      if (p.state() == tock::ProcessState::kUnused) {
        continue;
      }
      if (tracer_ != nullptr) {
        tracer_->State(p);
      }
      if (control_ != nullptr) {
        control_->PublishEvent(absl::StrCat("process ", EscapedName(p), " ", StateName(p.state())));
      }
    }
  }

 private:
  // Console input the console capsule took but no app got (the reader exited or stopped
  // reading mid-line): one warning per step in which some was lost.
  void ReportConsoleInputNoAppGot() {
    if (board_ == nullptr) {
      return;
    }
    const uint64_t dropped = board_->console_dropped_input_bytes();
    if (dropped != console_dropped_reported_) {
      spdlog::warn(
          "console: dropped {} input bytes (the app reading them exited or stopped reading; {} "
          "so far)",
          dropped - console_dropped_reported_, dropped);
      console_dropped_reported_ = dropped;
    }
  }

  tock::Kernel& kernel_;
  const HostBoard* board_ = nullptr;
  uint64_t console_dropped_reported_ = 0;
  HostClock& clock_;
  VirtualClock* virtual_clock_;
  std::span<TracingBoundary> boundaries_;
  Tracer* tracer_ = nullptr;
  ControlServer* control_ = nullptr;
  std::vector<std::pair<uint32_t, tock::ProcessState>> last_states_;
  std::vector<std::pair<std::string, int>> faulted_;
  std::string panic_reason_;
  bool exit_when_done_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
  uint64_t preemptions_ = 0;
  std::function<void()> at_app_boundary_;
};

// Exit statuses (README.md): a failure at run time, a usage error (also --strict refusing an
// app), a kernel panic (Daemon::KernelPanicked).
constexpr int kFailed = 1;
constexpr int kUsageError = 2;

// "tockd: MESSAGE" on stderr; returns `status`.
int Fail(absl::string_view message, int status = kFailed) {
  std::fprintf(stderr, "tockd: %.*s\n", static_cast<int>(message.size()), message.data());
  return status;
}

// The last line when tockd exits non-zero: what made it ("app 'x' faulted 2 times, 'y'
// (y.tbf) not loaded").
std::string ExitReasons(const Daemon& daemon, const std::vector<AppRefusal>& refusals) {
  std::vector<std::string> reasons;
  if (daemon.exit_code() == 3) {
    reasons.push_back(absl::StrCat("kernel panic (", daemon.panic_reason(), ")"));
  }
  for (const auto& [name, count] : daemon.faulted_apps()) {
    reasons.push_back(absl::StrCat("app '", name, "' faulted",
                                   count == 1 ? "" : absl::StrCat(" ", count, " times")));
  }
  for (const AppRefusal& refusal : refusals) {
    // The name is "?" when the file could not be read as an app.
    reasons.push_back(refusal.name.empty() || refusal.name == "?"
                          ? absl::StrCat(refusal.source, " not loaded")
                          : absl::StrCat("'", refusal.name, "' (", refusal.source, ") not loaded"));
  }
  return absl::StrJoin(reasons, ", ");
}

// A built tockd: every part, declared in construction order (except the peripheral registry,
// made just before the board that fills it), so that destroying a Machine (members in reverse
// order) is the orderly teardown: the control socket (first, in the destructor: removes the
// socket file), the peripheral registry (its handlers point into the board), the runner (stops
// watching the children), the board (kills and reaps every child, cancels its timers on the clock),
// the peripherals, the loop last. No std::_Exit: LeakSanitizer checks when main returns.
struct Machine {
  explicit Machine(const TockdConfig& c) : config(c) {}
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;
  ~Machine() {
    if (daemon != nullptr) {
      daemon->set_control(nullptr);
    }
    control.reset();
    if (trace_tap) {
      uart->RemoveOutputTap(*trace_tap);  // before the tracer goes; the uart outlives it
    }
  }

  const TockdConfig& config;
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<EventLoopReactor> reactor;
  std::unique_ptr<HostClock> clock;
  VirtualClock* virtual_clock = nullptr;  // the clock, in virtual time
  std::unique_ptr<HostUart> uart;
  bool console_input_open = true;  // an app reading the console may still get input
  std::unique_ptr<UnixConsole> unix_console;
  UniqueFd flash_memfd;
  std::unique_ptr<FileFlash> flash;
  FaultPolicies fault_policies;  // the processes point at these
  // The processes' kernel boundaries outlive the board, whose processes point at them.
  std::vector<TracingBoundary> boundaries;
  std::unique_ptr<HostBoard> board;  // on the heap: it is large
  std::unique_ptr<Daemon> daemon;
  std::unique_ptr<Tracer> tracer;
  std::optional<uint64_t> trace_tap;
  std::vector<RunnableChild*> children;
  std::unique_ptr<HostRunner> runner;
  std::unique_ptr<KernelIntrospection> introspection;
  std::unique_ptr<UartConsoleHook> console_hook;
  std::unique_ptr<AppDebugger> debugger;  // --debug=APP and `tockctl debug APP` (issue 21)
  // The board's peripherals' commands, state and events (control socket, --trace).
  std::unique_ptr<PeripheralRegistry> peripherals;
  std::unique_ptr<ControlServer> control;
  std::vector<AppRefusal> refusals;  // every app not loaded, with its reason
  // --record: the file inputs go to. --replay: the recording, its replayer and the socketless
  // control server that runs its command lines (declared last: the replayer's sink points at
  // the parts above).
  std::unique_ptr<Recorder> recorder;
  const Recording* recording = nullptr;
  std::unique_ptr<InputSink> replay_sink;
  std::unique_ptr<Replayer> replayer;
  bool replay_diverged = false;
  int stop_signal = 0;  // the stop signal that ended the run, if one did
  // --record: outside inputs held until the kernel's next quiet point (main_loop.h), where
  // each is recorded and delivered, one per quiet point, so that a replay can deliver it to
  // the kernel in the same state. Not recorded: connection-only control lines.
  struct HeldInput {
    InputKind kind;
    std::string data;
    bool recorded;
    std::function<void()> deliver;
  };
  std::deque<HeldInput> held_inputs;
};

// Where the kernel is in its run, for --record and --replay: the clock, the scheduler's
// syscall and context-switch counts, and whether a process holds the CPU.
InputPosition Position(const Machine& m) {
  InputPosition at;
  at.time_ns = m.clock->NowNs();
  if (m.runner != nullptr) {
    at.syscalls = m.runner->stats().syscalls;
    at.switches = m.runner->stats().context_switches;
    at.in_app = m.runner->running() != nullptr;
  }
  return at;
}

// --replay: recorded inputs go where live ones would have: the console UART, the control
// commands (a socketless server), the stop flag.
class ReplaySink final : public InputSink {
 public:
  ReplaySink(Machine& m, ControlServer& commands) : m_(m), commands_(commands) {}
  void Console(std::string_view bytes) override { m_.uart->InjectInput(bytes); }
  void Control(std::string_view line) override {
    // The recorded run gave the same reply; an error here is no divergence.
    const absl::Status status = commands_.RunLine(absl::string_view(line.data(), line.size()));
    spdlog::debug("replay: '{}': {}", line, status.ok() ? "ok" : std::string{status.message()});
  }
  void Signal(int signo) override {
    spdlog::info("replay: signal {} (recorded): stopping", signo);
    m_.stop_signal = signo;
    m_.daemon->Finish();
  }

 private:
  Machine& m_;
  ControlServer& commands_;
};

// Reads and checks every app before any process exists (hostkernel/loader), then checks the
// file descriptors they need against RLIMIT_NOFILE (fd_budget.h). Returns the accepted images,
// or the exit status (each refused app has its line).
std::variant<std::vector<std::unique_ptr<AppImage>>, int> PlanApps(const TockdConfig& config,
                                                                   Machine& m) {
  LoadPlan plan = PlanLoadFiles(config.apps, config.load_limits);
  for (const std::string& note : plan.notes) {
    spdlog::info("{}", note);
  }
  for (const AppRefusal& refusal : plan.refused) {
    std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
  }
  m.refusals = plan.refused;
  if (config.strict && !m.refusals.empty()) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", m.refusals.size());
    return kUsageError;
  }
  if (plan.accepted.empty()) {
    return kFailed;
  }
  FdBudgetInput fd_input;
  fd_input.open_at_start = CountOpenFds();
  fd_input.apps = std::min<size_t>(plan.accepted.size(), config.board.max_processes);
  fd_input.console_socket = !config.console_path.empty();
  fd_input.control = !config.control_path.empty();
  fd_input.control_max_clients = config.control.max_clients;
  fd_input.trace = !config.trace_path.empty();
  fd_input.flash_in_memory = config.flash_path.empty();
  if (absl::Status fds = EnsureFdLimit(ComputeFdBudget(fd_input), SystemRlimitOps()); !fds.ok()) {
    return Fail(fds.message());
  }
  return std::move(plan.accepted);
}

// --replay: the flash as the recorded run found it.
absl::Status RestoreRecordedFlash(Machine& m) {
  const RecordingHeader& header = m.recording->header;
  if (header.flash_page_size != m.flash->PageSize() ||
      header.flash_page_count != m.flash->PageCount()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--replay ", m.config.replay_path, ": recorded with a flash of ",
                     header.flash_page_count, " pages of ", header.flash_page_size,
                     " bytes; this tockd has ", m.flash->PageCount(), " of ", m.flash->PageSize()));
  }
  return m.flash->WriteImage(FlashImage(header));
}

// --record FILE: the header (flags, app digests, the flash as it is now), then every console
// chunk and control command as the kernel takes it.
absl::Status StartRecording(Machine& m) {
  absl::StatusOr<RecordingHeader> header = RecordingHeaderForRun(m.config.apps);
  if (!header.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--record ", m.config.record_path, ": ", header.status().message()));
  }
  absl::StatusOr<std::string> image = m.flash->ReadImage();
  if (!image.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--record ", m.config.record_path, ": flash: ", image.status().message()));
  }
  SetFlashImage(*header, static_cast<uint32_t>(m.flash->PageSize()),
                static_cast<uint32_t>(m.flash->PageCount()), *image);
  auto recorder = Recorder::Create(m.config.record_path, *header, [&m] { return Position(m); });
  if (!recorder.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("--record ", m.config.record_path, ": ", recorder.status().message()));
  }
  m.recorder = *std::move(recorder);
  m.uart->SetInputGate([&m](std::string_view bytes, std::function<void()> deliver) {
    m.held_inputs.push_back(
        {InputKind::kConsole, std::string(bytes), /*recorded=*/true, std::move(deliver)});
  });
  spdlog::info("recording inputs to {}", m.config.record_path);
  return absl::OkStatus();
}

// The loop, clock, console UART and flash. Errors name the flag they come from.
absl::Status OpenPeripherals(Machine& m) {
  const TockdConfig& config = m.config;
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create();
  if (!loop.ok()) {
    return absl::InternalError(absl::StrCat("event loop: ", loop.status().message()));
  }
  m.loop = *std::move(loop);
  m.reactor = std::make_unique<EventLoopReactor>(*m.loop);
  if (config.virtual_time) {
    auto v = std::make_unique<VirtualClock>(*m.reactor);
    m.virtual_clock = v.get();
    m.clock = std::move(v);
  } else {
    m.clock = std::make_unique<RealClock>(*m.reactor);
  }
  m.uart = std::make_unique<HostUart>(*m.reactor);
  if (!config.console_path.empty()) {
    auto listening = UnixConsole::Listen(*m.reactor, *m.uart, config.console_path);
    if (!listening.ok()) {
      return absl::UnavailableError(
          absl::StrCat("--console unix:", config.console_path, ": ", listening.status().message()));
    }
    m.unix_console = *std::move(listening);
  } else if (m.recording != nullptr) {
    m.uart->Attach(-1, STDOUT_FILENO);  // console input comes from the recording only
  } else {
    m.uart->Attach(STDIN_FILENO, STDOUT_FILENO);
    m.uart->SetInputClosedCallback([&m] { m.console_input_open = false; });
  }
  // Flash for nonvolatile storage: the given file (locked, its header checked), or an anonymous
  // in-memory file that always starts fresh.
  std::string flash_path = config.flash_path;
  FileFlash::OpenMode flash_mode =
      config.flash_reset ? FileFlash::OpenMode::kReset : FileFlash::OpenMode::kOpenOrCreate;
  if (flash_path.empty()) {
    m.flash_memfd.Reset(memfd_create("tockd-flash", MFD_CLOEXEC));
    if (!m.flash_memfd) {
      return absl::InternalError(
          absl::StrCat("cannot create the in-memory flash: ", std::strerror(errno)));
    }
    flash_path = absl::StrCat("/proc/self/fd/", m.flash_memfd.get());
    flash_mode = FileFlash::OpenMode::kReset;
  }
  auto flash = FileFlash::Open(*m.reactor, flash_path, HostBoard::kFlashPageSize,
                               HostBoard::kStorageBytes / HostBoard::kFlashPageSize, flash_mode);
  if (!flash.ok()) {
    const bool reset_helps = absl::IsDataLoss(flash.status());
    return absl::UnavailableError(absl::StrCat(
        config.flash_path.empty() ? "in-memory flash" : "--flash-file " + config.flash_path, ": ",
        flash.status().message(), reset_helps ? "; start fresh with --flash-file-reset" : ""));
  }
  m.flash = *std::move(flash);
  return m.recording != nullptr ? RestoreRecordedFlash(m) : absl::OkStatus();
}

// --trace FILE: the tracer, fed the console output here and the rest by the daemon.
absl::Status OpenTrace(Machine& m) {
  if (m.config.trace_path.empty()) {
    return absl::OkStatus();
  }
  auto opened = Tracer::Open(m.config.trace_path, *m.clock);
  TOCKPP_RETURN_IF_ERROR(opened.status());
  m.tracer = *std::move(opened);
  m.daemon->set_tracer(m.tracer.get());
  m.trace_tap = m.uart->AddOutputTap([t = m.tracer.get()](std::string_view bytes) {
    t->Console(absl::string_view(bytes.data(), bytes.size()));
  });
  return absl::OkStatus();
}

// --fault-policy names that no app has are likely typos.
void WarnAboutUnusedPolicies(const TockdConfig& config,
                             const std::vector<std::unique_ptr<AppImage>>& images) {
  for (const auto& [name, spec] : config.policies.per_app) {
    bool found = false;
    for (const auto& image : images) {
      found = found || image->name() == name;
    }
    if (!found) {
      spdlog::warn("--fault-policy names '{}', but no app has that name", name);
    }
  }
}

// The board's peripherals' events (registered by the board in the registry) go to the trace
// (and, once it listens, to the control socket's watchers).
void TracePeripherals(Machine& m) {
  if (Tracer* tracer = m.tracer.get(); tracer != nullptr) {
    // The registry goes before the tracer (Machine's order), and the subscription with it.
    m.peripherals->Subscribe([tracer](std::string_view peripheral, std::string_view line) {
      tracer->Peripheral(absl::string_view(peripheral.data(), peripheral.size()),
                         absl::string_view(line.data(), line.size()));
    });
  }
}

// --replay: the recorded command lines run on a control server without a socket.
absl::Status StartReplay(Machine& m, ControlTargets targets) {
  targets.debug = nullptr;  // debug sessions are not recorded
  auto server = ControlServer::Offline(*m.reactor, targets);
  TOCKPP_RETURN_IF_ERROR(server.status());
  m.control = *std::move(server);
  m.daemon->set_control(m.control.get());
  m.replay_sink = std::make_unique<ReplaySink>(m, *m.control);
  m.replayer =
      std::make_unique<Replayer>(m.recording->inputs, *m.replay_sink, m.virtual_clock != nullptr);
  spdlog::info("replaying {} input(s) from {}", m.recording->inputs.size(), m.config.replay_path);
  return absl::OkStatus();
}

// The control socket (--control): tockctl drives the peripherals, processes and the console.
absl::Status OpenControl(Machine& m, const std::vector<std::unique_ptr<AppImage>>& images) {
  const TockdConfig& config = m.config;
  HostRunner& runner = *m.runner;
  m.introspection = std::make_unique<KernelIntrospection>(
      m.board->kernel(), m.board->management_cap(), [&runner] { runner.Schedule(); });
  m.console_hook = std::make_unique<UartConsoleHook>(*m.uart);
  m.debugger = std::make_unique<AppDebugger>(m.board->hosts(), images);
  if (config.control_path.empty() && m.recording == nullptr) {
    return absl::OkStatus();
  }
  ControlTargets targets;
  targets.peripherals = m.peripherals.get();
  targets.debug = m.debugger.get();
  targets.processes = m.introspection.get();
  targets.console = m.console_hook.get();
  targets.clock = m.clock.get();
  if (m.recording != nullptr) {
    return StartReplay(m, targets);
  }
  auto server = ControlServer::Listen(*m.reactor, config.control_path, targets, config.control);
  if (!server.ok()) {
    return absl::UnavailableError(
        absl::StrCat("--control unix:", config.control_path, ": ", server.status().message()));
  }
  m.control = *std::move(server);
  m.daemon->set_control(m.control.get());
  if (m.recorder != nullptr) {
    m.control->SetCommandGate([&m](absl::string_view line, bool replayable,
                                   std::function<void()> run) {
      m.held_inputs.push_back({InputKind::kControl, std::string{line}, replayable, std::move(run)});
    });
  }
  spdlog::info("control socket at {}", config.control_path);
  return absl::OkStatus();
}

// The board on the peripherals, the daemon (listener), trace, runner, peripheral registry and
// control socket.
absl::Status BuildBoard(Machine& m, const std::vector<std::unique_ptr<AppImage>>& images) {
  const TockdConfig& config = m.config;
  m.boundaries = std::vector<TracingBoundary>(config.board.max_processes);
  // The board puts its peripherals' controls here (destroyed before the board: Machine's order).
  m.peripherals = std::make_unique<PeripheralRegistry>();
  m.board = std::make_unique<HostBoard>(*m.reactor, *m.clock, *m.uart, *m.flash, *m.peripherals,
                                        config.board);
  // A driver that could not be registered (table full, number taken) or a peripheral whose
  // controls could not be registered stops boot here.
  TOCKPP_RETURN_IF_ERROR(m.board->wiring_status());
  HostBoard& board = *m.board;
  m.daemon = std::make_unique<Daemon>(board.kernel(), *m.clock, m.virtual_clock, m.boundaries);
  m.daemon->set_exit_when_done(config.exit_when_done);
  m.daemon->set_board(&board);
  if (absl::Status trace = OpenTrace(m); !trace.ok()) {
    return trace;
  }
  for (size_t i = 0; i < m.boundaries.size(); ++i) {
    m.boundaries[i].Bind(board.hosts()[i], board.kernel().processes()[i], m.tracer.get());
  }
  m.children.resize(board.hosts().size());
  for (size_t i = 0; i < m.children.size(); ++i) {
    m.children[i] = &board.hosts()[i];
    board.hosts()[i].set_yield_checks(config.yield_spin_checks);
  }
  m.runner = std::make_unique<HostRunner>(*m.loop, board.kernel(), m.children,
                                          board.main_loop_cap(), board.management_cap(), *m.daemon);
  // A replay always finishes a syscall's kernel work before the app resumes, so that inputs
  // recorded in the kernel phase find it again, also in real time.
  m.runner->set_held(true);  // until the main loop's first schedule()
  m.runner->set_deterministic(m.virtual_clock != nullptr || m.recording != nullptr);
  WarnAboutUnusedPolicies(config, images);
  TracePeripherals(m);
  return OpenControl(m, images);
}

// Loads each accepted image into a process slot; a refused one gets its line. Returns 0, or the
// exit status when nothing may start (--strict, or no app loaded).
int LoadApps(Machine& m, const std::vector<std::unique_ptr<AppImage>>& images) {
  const TockdConfig& config = m.config;
  HostBoard& board = *m.board;
  size_t loaded = 0;
  for (const auto& image : images) {
    const FaultPolicySpec& spec = config.policies.For(image->name());
    if (loaded == board.hosts().size()) {  // the plan keeps to the slots; never reached
      const AppRefusal refusal{
          image->source, EscapedName(image->name()),
          absl::StrCat("no free process slot (--max-processes=", config.board.max_processes, ")")};
      std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
      m.refusals.push_back(refusal);
      continue;
    }
    HostProcess& host = board.hosts()[loaded];
    const tock::ProcessPlatform platform{host, m.boundaries[loaded], host};
    auto pid = board.kernel().LoadProcess(image->tbf, platform, m.fault_policies.For(spec),
                                          board.management_cap());
    if (!pid.ok()) {
      const AppRefusal refusal{image->source, EscapedName(image->name()),
                               DescribeLoadError(pid.error(), *image, loaded, config.load_limits)};
      std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
      m.refusals.push_back(refusal);
      continue;
    }
    spdlog::info("loaded {} from {} (fault policy {}){}", EscapedName(image->name()), image->source,
                 ToString(spec),
                 image->tbf.enabled ? "" : "; disabled in its TBF flags: not started");
    ++loaded;
  }
  if (config.strict && !m.refusals.empty()) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", m.refusals.size());
    return kUsageError;
  }
  return loaded == 0 ? kFailed : 0;  // every app not loaded has its line above
}

// --record: outside inputs reach the kernel only where a replay can find the same state again:
// at a quiet point of the main loop when no process holds the CPU (one input, then the loop
// drains what it started), or at a running process's syscall boundary or expired timeslice
// (every held input; the app sees their effects at its next syscall either way). Each is
// recorded with the position where it is delivered. Returns true if any was.
bool DeliverHeldInputs(Machine& m, bool all) {
  bool any = false;
  while (!m.held_inputs.empty()) {
    Machine::HeldInput input = std::move(m.held_inputs.front());
    m.held_inputs.pop_front();
    if (input.recorded) {
      m.recorder->Record(input.kind, input.data);
    }
    input.deliver();
    any = true;
    if (!all) {
      break;
    }
  }
  return any;
}

// A replay that went past a recorded input's position: one line, and the run stops (exit 1).
void ReplayDiverged(Machine& m) {
  m.replay_diverged = true;
  spdlog::error("replay diverged: the run is at {}, past {} ({} of {} inputs replayed)",
                DescribePosition(Position(m)), m.replayer->DescribeNext(), m.replayer->injected(),
                m.recording->inputs.size());
  m.daemon->Finish();
}

// --replay: recorded inputs are injected at their positions; in virtual time an idle kernel
// first moves the clock to the next input if it comes before the next timer; a run with inputs
// left that nothing can move on has diverged, one with none left is done.
void AddReplayHooks(Machine& m, MainLoop::Hooks& hooks) {
  // Inputs meet the kernel where the recorded run delivered them (DeliverHeldInputs): at a
  // quiet point with no process holding the CPU, or at a running process's syscall boundary.
  auto inject = [&m](bool all) {
    const InputPosition now = Position(m);
    if (m.replay_diverged) {
      return false;
    }
    if (m.replayer->Passed(now)) {
      ReplayDiverged(m);
      return true;
    }
    bool any = false;
    while (m.replayer->InjectNext(now)) {
      any = true;
      if (!all) {
        break;
      }
    }
    return any;
  };
  hooks.at_quiet_point = [&m, inject] { return m.runner->running() == nullptr && inject(false); };
  m.daemon->set_at_app_boundary([inject] { inject(true); });
  if (VirtualClock* virtual_clock = m.virtual_clock; virtual_clock != nullptr) {
    hooks.advance_virtual_time = [&m, virtual_clock] {
      const std::optional<uint64_t> input_at =
          m.replayer->IdleJumpTarget(Position(m), virtual_clock->NextDeadline());
      if (input_at.has_value()) {
        virtual_clock->Advance(*input_at - virtual_clock->NowNs());
        return true;
      }
      return virtual_clock->AdvanceToNextDeadline();
    };
  }
  hooks.nothing_can_wake = [&m] {
    if (m.board->alarm_armed() || tock::DeferredCall::HasPending()) {
      return false;
    }
    if (!m.replayer->done()) {
      ReplayDiverged(m);
    }
    return true;
  };
}

// The loop (main_loop.h): drain ready work (bounded), let the runner schedule, then (in
// virtual time) jump the clock when every process is idle, and block only when nothing is
// left to do.
MainLoop::Hooks LoopHooks(Machine& m) {
  Daemon& daemon = *m.daemon;
  HostRunner& runner = *m.runner;
  HostBoard& board = *m.board;
  MainLoop::Hooks hooks;
  hooks.step = [&m](bool block) { return m.loop->Step(block); };
  hooks.service_deferred_call = [&board] {
    return tock::DeferredCall::ServiceNext(board.deferred_call_cap());
  };
  hooks.deferred_call_pending = [] { return tock::DeferredCall::HasPending(); };
  hooks.schedule = [&runner] {
    runner.set_held(false);  // the boot's work is done (MainLoop drains it first)
    runner.Schedule();
  };
  hooks.stopping = [&runner] { runner.set_held(true); };
  hooks.resume_pending = [&runner] { return runner.resume_pending(); };
  hooks.idle = [&runner, &board] {
    return runner.running() == nullptr && !board.kernel().HasRunnableProcess();
  };
  if (VirtualClock* virtual_clock = m.virtual_clock; virtual_clock != nullptr) {
    hooks.advance_virtual_time = [virtual_clock] { return virtual_clock->AdvanceToNextDeadline(); };
  }
  if (daemon.exit_when_done()) {
    // Nothing runs and nothing can wake a process: no alarm is armed and no app waits for
    // console input that could still come (control-socket input does not count).
    hooks.nothing_can_wake = [&m, &board] {
      const bool input_can_wake = m.console_input_open && board.console_read_pending();
      return !board.alarm_armed() && !input_can_wake && !tock::DeferredCall::HasPending();
    };
  }
  hooks.finished = [&daemon] { return daemon.finished(); };
  if (m.replayer != nullptr) {
    AddReplayHooks(m, hooks);
  }
  if (m.recorder != nullptr) {
    hooks.at_quiet_point = [&m] {
      return m.runner->running() == nullptr && DeliverHeldInputs(m, /*all=*/false);
    };
    m.daemon->set_at_app_boundary([&m] { DeliverHeldInputs(m, /*all=*/true); });
  }
  return hooks;
}

// The last log lines of a run: time, syscalls, switches, faults, preemptions, loop figures.
void LogRunStats(const Machine& m) {
  const HostRunner& runner = *m.runner;
  spdlog::info(
      "tockd exits at {} ns ({} clock): {} syscalls, {} context switches, {} faults, {} "
      "preemptions at a wall-clock timeslice",
      m.clock->NowNs(), m.config.virtual_time ? "virtual" : "real", runner.stats().syscalls,
      runner.stats().context_switches, runner.stats().faults, m.daemon->wall_clock_preemptions());
  const EventLoop::Stats& loop_stats = m.loop->stats();
  spdlog::debug(
      "event loop: {} spin hits, {} spin misses, {} spins skipped, {} blocking waits, {} fd "
      "callbacks, {} timer callbacks",
      loop_stats.spin_hits, loop_stats.spin_misses, loop_stats.spins_skipped,
      loop_stats.blocking_waits, loop_stats.fd_callbacks, loop_stats.timer_callbacks);
}

// --exit-when-done: 1 when an app faulted or was not loaded; a panic is 3 in any mode. The
// last line says why.
int ExitStatus(const Machine& m) {
  const Daemon& daemon = *m.daemon;
  int status = daemon.exit_code();
  if (status == 0 && m.replay_diverged) {
    std::fflush(stderr);
    return Fail(absl::StrCat("--replay ", m.config.replay_path,
                             ": the run diverged from the recording (see the error above)"));
  }
  if (status == 0 && daemon.exit_when_done() &&
      (!daemon.faulted_apps().empty() || !m.refusals.empty())) {
    status = kFailed;
  }
  if (status != 0) {
    std::fflush(stderr);
    Fail(absl::StrCat("exiting ", status, ": ", ExitReasons(daemon, m.refusals)));
  }
  return status;
}

// The end of a recorded run: the `end` line. The end of a replay: how much of the recording
// it went through.
void EndRecordOrReplay(Machine& m, MainLoop::Exit exit) {
  std::string reason = "finished";
  if (exit == MainLoop::Exit::kDone) {
    reason = "done";
  } else if (m.daemon->exit_code() == 3) {
    reason = "panic";
  } else if (m.stop_signal > 0) {
    reason = "signal";
  }
  if (m.recorder != nullptr) {
    m.recorder->End(reason);
    spdlog::info("recorded {} input(s) to {}; replay: tockd --replay={}", m.recorder->inputs(),
                 m.recorder->path(), m.recorder->path());
  }
  if (m.replayer != nullptr && !m.replay_diverged) {
    const InputPosition at = Position(m);
    const std::optional<RecordedEnd>& end = m.recording->end;
    if (end.has_value() && (end->at.syscalls != at.syscalls || end->at.switches != at.switches)) {
      spdlog::warn("replay ended at {}; the recorded run ended at {} ({})", DescribePosition(at),
                   DescribePosition(end->at), end->reason);
    }
    spdlog::info("replayed {} of {} input(s) from {}", m.replayer->injected(),
                 m.recording->inputs.size(), m.config.replay_path);
  }
}

// Runs the machine until it is done (--exit-when-done), --exit-after, a signal in
// `stop_signals` or a kernel panic. Returns the exit status.
int Run(Machine& m, const sigset_t& stop_signals) {
  Daemon& daemon = *m.daemon;
  if (m.config.exit_after > absl::ZeroDuration()) {
    m.clock->ScheduleAt(static_cast<uint64_t>(absl::ToInt64Nanoseconds(m.config.exit_after)),
                        [&daemon] {
                          spdlog::info("--exit-after reached");
                          daemon.Finish();
                        });
  }
  // SIGTERM / SIGINT stop tockd cleanly (exit log, control socket removed), exit status 0.
  UniqueFd signal_fd(signalfd(-1, &stop_signals, SFD_NONBLOCK | SFD_CLOEXEC));
  EventLoop::WatchId signal_watch = 0;
  if (signal_fd) {
    signal_watch = m.loop->WatchFd(signal_fd.get(), POLLIN, [&m, &signal_fd, &daemon](uint32_t) {
      signalfd_siginfo info;
      if (read(signal_fd.get(), &info, sizeof(info)) != sizeof(info)) {
        return;
      }
      const int signo = static_cast<int>(info.ssi_signo);
      spdlog::info("signal {}: stopping", signo);
      auto stop = [&m, &daemon, signo] {
        m.stop_signal = signo;
        daemon.Finish();
      };
      if (m.recorder != nullptr && m.stop_signal == 0) {
        // Recorded like any input: the stop meets the kernel at a quiet point, in the replay
        // too. A second signal stops at once.
        m.held_inputs.push_back({InputKind::kSignal, absl::StrCat(signo), true, stop});
        m.stop_signal = -1;
        return;
      }
      stop();
    });
  }
  MainLoop main_loop(LoopHooks(m));
  const MainLoop::Exit exit = main_loop.Run();
  if (exit == MainLoop::Exit::kDone) {
    spdlog::info("every process is waiting and nothing can wake it: done");
  }
  EndRecordOrReplay(m, exit);
  LogRunStats(m);
  std::fflush(stdout);
  if (signal_watch != 0) {
    m.loop->Unwatch(signal_watch);
  }
  return ExitStatus(m);
}

// Plans the apps, builds the machine, loads the apps and runs it.
int Start(const TockdConfig& config, const Recording* recording) {
  // The images outlive the machine: its processes were loaded from them.
  std::vector<std::unique_ptr<AppImage>> images;
  Machine m(config);
  m.recording = recording;
  auto planned = PlanApps(config, m);
  if (const int* status = std::get_if<int>(&planned)) {
    return *status;
  }
  images = std::get<std::vector<std::unique_ptr<AppImage>>>(std::move(planned));
  // --symbols (issue 21): where each app's ELF is, for symbolized fault dumps.
  if (absl::Status s = InstallAppSymbols(images); !s.ok()) {
    return Fail(s.message(), kUsageError);
  }
  // Blocked before any app is spawned, so a terminal's Ctrl-C reaches tockd (through its
  // signalfd in Run) and not the app processes, which inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigprocmask(SIG_BLOCK, &stop_signals, nullptr);
  if (absl::Status built = OpenPeripherals(m); !built.ok()) {
    return Fail(built.message());
  }
  if (!config.record_path.empty()) {
    if (absl::Status started = StartRecording(m); !started.ok()) {
      return Fail(started.message());
    }
  }
  if (absl::Status built = BuildBoard(m, images); !built.ok()) {
    return Fail(built.message());
  }
  if (int status = LoadApps(m, images); status != 0) {
    return status;
  }
  return Run(m, stop_signals);
}

int Main(int argc, char** argv) {
  // Under `bazel run`, relative paths (apps, --trace, --flash-file, unix: sockets) are the
  // caller's: work from the directory bazel was run in.
  if (const char* wd = std::getenv("BUILD_WORKING_DIRECTORY"); wd != nullptr && *wd != '\0') {
    if (chdir(wd) != 0) {
      return Fail(absl::StrCat("cannot change to BUILD_WORKING_DIRECTORY ", wd, ": ",
                               std::strerror(errno)));
    }
  }
  absl::StatusOr<CommandLine> command_line =
      ParseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
  if (!command_line.ok()) {
    return Fail(absl::StrCat(command_line.status().message(), " (see tockd --help)"), kUsageError);
  }
  switch (command_line->action) {
    case CommandLine::Action::kHelp:
      std::fputs(kTockdUsage, stdout);
      return 0;
    case CommandLine::Action::kHelpFull:
      std::fputs(kTockdUsage, stdout);
      std::printf("\nEvery flag (default, then what it does):\n%s", FullFlagHelp().c_str());
      return 0;
    case CommandLine::Action::kVersion:
      std::printf("%s\n", VersionLine("tockd").c_str());
      return 0;
    case CommandLine::Action::kRun:
      break;
  }
  // --replay: the recording supplies the flags left at their defaults and, if none are given,
  // the apps; a flag or app that differs from the recording stops here.
  std::optional<Recording> recording;
  if (const std::string replay = ReplayFlag(); !replay.empty()) {
    absl::StatusOr<Recording> prepared = PrepareReplay(replay, command_line->positional);
    if (!prepared.ok()) {
      return Fail(absl::StrCat("--replay ", replay, ": ", prepared.status().message()),
                  absl::IsDataLoss(prepared.status()) ? kFailed : kUsageError);
    }
    recording = *std::move(prepared);
  }
  absl::StatusOr<TockdConfig> config = ParseConfig(command_line->positional);
  if (!config.ok()) {
    return Fail(config.status().message(), kUsageError);
  }
  auto logger = spdlog::stderr_color_st("tockd");
  logger->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(config->log_level));
  // Files named by flags, before any app is read or started.
  if (absl::Status files = CheckConfigFiles(*config); !files.ok()) {
    return Fail(files.message());
  }
  return Start(*config, recording.has_value() ? &*recording : nullptr);
}

}  // namespace
}  // namespace tock::hostkernel

int main(int argc, char** argv) { return tock::hostkernel::Main(argc, argv); }
