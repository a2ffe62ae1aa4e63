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
#include <memory>
#include <optional>
#include <string>
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
#include "hostkernel/daemon/version.h"
#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/loader/load_plan.h"
#include "hostkernel/peripherals/event_loop_reactor.h"
#include "hostkernel/peripherals/file_flash.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/real_clock.h"
#include "hostkernel/peripherals/unix_console.h"
#include "hostkernel/peripherals/virtual_clock.h"
#include "hostkernel/process/unique_fd.h"
#include "hostkernel/runtime/app_image.h"
#include "hostkernel/runtime/escaped_name.h"
#include "hostkernel/runtime/host_runner.h"
#include "hostkernel/runtime/kernel_introspection.h"
#include "hostkernel/runtime/tracer.h"
#include "kernel/deferred_call.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

namespace tockpp::hostkernel {
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

int Run(const TockdConfig& config) {
  // Every app is read and checked before any process exists (hostkernel/loader).
  const uint32_t max_processes = static_cast<uint32_t>(config.board.max_processes);
  const HostLoadLimits& load_limits = config.load_limits;
  const bool strict = config.strict;
  const FaultPolicyTable* policies = &config.policies;
  const bool console_on_socket = !config.console_path.empty();
  LoadPlan plan = PlanLoadFiles(config.apps, load_limits);
  for (const std::string& note : plan.notes) {
    spdlog::info("{}", note);
  }
  for (const AppRefusal& refusal : plan.refused) {
    std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
  }
  std::vector<AppRefusal> refusals = plan.refused;
  if (strict && !refusals.empty()) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", refusals.size());
    return kUsageError;
  }
  if (plan.accepted.empty()) {
    return kFailed;  // every app has its line above
  }
  std::vector<std::unique_ptr<AppImage>> images = std::move(plan.accepted);
  // The file descriptors these apps need (fd_budget.h), checked against RLIMIT_NOFILE before
  // anything is opened.
  {
    FdBudgetInput fd_input;
    fd_input.open_at_start = CountOpenFds();
    fd_input.apps = std::min<size_t>(images.size(), max_processes);
    fd_input.console_socket = console_on_socket;
    fd_input.control = !config.control_path.empty();
    fd_input.control_max_clients = config.control.max_clients;
    fd_input.trace = !config.trace_path.empty();
    fd_input.flash_in_memory = config.flash_path.empty();
    if (absl::Status fds = EnsureFdLimit(ComputeFdBudget(fd_input), SystemRlimitOps()); !fds.ok()) {
      return Fail(fds.message());
    }
  }

  // Blocked before any app is spawned, so a terminal's Ctrl-C reaches tockd (through its
  // signalfd below) and not the app processes, which inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigprocmask(SIG_BLOCK, &stop_signals, nullptr);

  // Everything below is a local, declared so that its destruction at the end of Main (reverse
  // order) is the orderly teardown: the control socket, the runner (stops watching the
  // children), the board (kills and reaps every child, cancels its timers on the clock), the
  // peripherals and the loop last. No std::_Exit: LeakSanitizer checks when main returns.
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create();
  if (!loop.ok()) {
    return Fail(absl::StrCat("event loop: ", loop.status().message()));
  }
  EventLoopReactor reactor(**loop);
  const char* time_mode = config.virtual_time ? "virtual" : "real";
  std::unique_ptr<HostClock> clock_storage;
  VirtualClock* virtual_clock = nullptr;
  if (config.virtual_time) {
    auto v = std::make_unique<VirtualClock>(reactor);
    virtual_clock = v.get();
    clock_storage = std::move(v);
  } else {
    clock_storage = std::make_unique<RealClock>(reactor);
  }
  HostClock& clock = *clock_storage;
  HostUart uart(reactor);
  bool console_input_open = true;  // an app reading the console may still get input
  std::unique_ptr<UnixConsole> unix_console;
  if (console_on_socket) {
    auto listening = UnixConsole::Listen(reactor, uart, config.console_path);
    if (!listening.ok()) {
      return Fail(
          absl::StrCat("--console unix:", config.console_path, ": ", listening.status().message()));
    }
    unix_console = *std::move(listening);
  } else {
    uart.Attach(STDIN_FILENO, STDOUT_FILENO);
    uart.SetInputClosedCallback([&console_input_open] { console_input_open = false; });
  }

  // Flash for nonvolatile storage: the given file (locked, its header checked), or an anonymous
  // in-memory file that always starts fresh.
  const std::string& flash_flag = config.flash_path;
  std::string flash_path = flash_flag;
  FileFlash::OpenMode flash_mode =
      config.flash_reset ? FileFlash::OpenMode::kReset : FileFlash::OpenMode::kOpenOrCreate;
  UniqueFd flash_memfd;
  if (flash_path.empty()) {
    flash_memfd.Reset(memfd_create("tockd-flash", MFD_CLOEXEC));
    if (!flash_memfd) {
      return Fail(absl::StrCat("cannot create the in-memory flash: ", std::strerror(errno)));
    }
    flash_path = absl::StrCat("/proc/self/fd/", flash_memfd.get());
    flash_mode = FileFlash::OpenMode::kReset;
  }
  auto flash = FileFlash::Open(reactor, flash_path, HostBoard::kFlashPageSize,
                               HostBoard::kStorageBytes / HostBoard::kFlashPageSize, flash_mode);
  if (!flash.ok()) {
    const bool reset_helps = absl::IsDataLoss(flash.status());
    return Fail(absl::StrCat(flash_flag.empty() ? "in-memory flash" : "--flash-file " + flash_flag,
                             ": ", flash.status().message(),
                             reset_helps ? "; start fresh with --flash-file-reset" : ""));
  }
  // The processes' kernel boundaries outlive the board, whose processes point at them.
  std::vector<TracingBoundary> boundaries(max_processes);
  // The machine. On the heap (it is large) and destroyed before the peripherals it uses.
  auto board_storage = std::make_unique<HostBoard>(reactor, clock, uart, **flash, config.board);
  HostBoard& board = *board_storage;

  Daemon daemon(board.kernel(), clock, virtual_clock, boundaries);
  daemon.set_exit_when_done(config.exit_when_done);
  daemon.set_board(&board);
  std::unique_ptr<Tracer> tracer;
  std::optional<uint64_t> trace_tap;
  if (!config.trace_path.empty()) {
    auto opened = Tracer::Open(config.trace_path, clock);
    if (!opened.ok()) {
      return Fail(opened.status().message());
    }
    tracer = *std::move(opened);
    daemon.set_tracer(tracer.get());
    trace_tap = uart.AddOutputTap([t = tracer.get()](std::string_view bytes) {
      t->Console(absl::string_view(bytes.data(), bytes.size()));
    });
  }
  for (size_t i = 0; i < boundaries.size(); ++i) {
    boundaries[i].Bind(board.hosts()[i], board.kernel().processes()[i], tracer.get());
  }
  std::vector<RunnableChild*> children(board.hosts().size());
  for (size_t i = 0; i < children.size(); ++i) {
    children[i] = &board.hosts()[i];
    board.hosts()[i].set_yield_checks(config.yield_spin_checks);
  }
  HostRunner runner(**loop, board.kernel(), children, board.main_loop_cap(), board.management_cap(),
                    daemon);
  runner.set_deterministic(virtual_clock != nullptr);

  for (const auto& [name, spec] : policies->per_app) {  // names no app has: a likely typo
    bool found = false;
    for (const auto& image : images) {
      found = found || image->name() == name;
    }
    if (!found) {
      spdlog::warn("--fault-policy names '{}', but no app has that name", name);
    }
  }

  // The control socket: tockctl drives LEDs, buttons, GPIO, processes and the console.
  KernelIntrospection introspection(board.kernel(), board.management_cap(),
                                    [&runner] { runner.Schedule(); });
  UartConsoleHook console_hook(uart);
  std::unique_ptr<ControlServer> control;
  if (!config.control_path.empty()) {
    ControlTargets targets;
    targets.leds = &board.leds();
    targets.buttons = &board.buttons();
    targets.gpio = &board.gpio();
    targets.processes = &introspection;
    targets.console = &console_hook;
    targets.clock = &clock;
    auto server = ControlServer::Listen(reactor, config.control_path, targets, config.control);
    if (!server.ok()) {
      return Fail(
          absl::StrCat("--control unix:", config.control_path, ": ", server.status().message()));
    }
    control = *std::move(server);
    daemon.set_control(control.get());
    spdlog::info("control socket at {}", config.control_path);
  }

  FaultPolicies fault_policies;
  size_t loaded = 0;
  for (const auto& image : images) {
    const FaultPolicySpec& spec = policies->For(image->name());
    if (loaded == board.hosts().size()) {  // the plan keeps to the slots; never reached
      const AppRefusal refusal{
          image->source, EscapedName(image->name()),
          absl::StrCat("no free process slot (--max-processes=", max_processes, ")")};
      std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
      refusals.push_back(refusal);
      continue;
    }
    HostProcess& host = board.hosts()[loaded];
    const tock::ProcessPlatform platform{host, boundaries[loaded], host};
    auto pid = board.kernel().LoadProcess(image->tbf, platform, fault_policies.For(spec),
                                          board.management_cap());
    if (!pid.ok()) {
      const AppRefusal refusal{image->source, EscapedName(image->name()),
                               DescribeLoadError(pid.error(), *image, loaded, load_limits)};
      std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
      refusals.push_back(refusal);
      continue;
    }
    spdlog::info("loaded {} from {} (fault policy {}){}", EscapedName(image->name()), image->source,
                 ToString(spec),
                 image->tbf.enabled ? "" : "; disabled in its TBF flags: not started");
    ++loaded;
  }
  if (strict && !refusals.empty()) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", refusals.size());
    return kUsageError;
  }
  if (loaded == 0) {
    return kFailed;  // every app has its line above
  }

  const absl::Duration exit_after = config.exit_after;
  if (exit_after > absl::ZeroDuration()) {
    clock.ScheduleAt(static_cast<uint64_t>(absl::ToInt64Nanoseconds(exit_after)), [&daemon] {
      spdlog::info("--exit-after reached");
      daemon.Finish();
    });
  }

  // SIGTERM / SIGINT stop tockd cleanly (exit log, control socket removed), exit status 0.
  UniqueFd signal_fd(signalfd(-1, &stop_signals, SFD_NONBLOCK | SFD_CLOEXEC));
  EventLoop::WatchId signal_watch = 0;
  if (signal_fd) {
    signal_watch = (*loop)->WatchFd(signal_fd.get(), POLLIN, [&signal_fd, &daemon](uint32_t) {
      signalfd_siginfo info;
      if (read(signal_fd.get(), &info, sizeof(info)) == sizeof(info)) {
        spdlog::info("signal {}: stopping", info.ssi_signo);
      }
      daemon.Finish();
    });
  }

  // The loop (main_loop.h): drain ready work (bounded), let the runner schedule, then (in
  // virtual time) jump the clock when every process is idle, and block only when nothing is
  // left to do.
  MainLoop::Hooks hooks;
  hooks.step = [&loop](bool block) { return (*loop)->Step(block); };
  hooks.service_deferred_call = [&board] {
    return tock::DeferredCall::ServiceNext(board.deferred_call_cap());
  };
  hooks.deferred_call_pending = [] { return tock::DeferredCall::HasPending(); };
  hooks.schedule = [&runner] { runner.Schedule(); };
  hooks.resume_pending = [&runner] { return runner.resume_pending(); };
  hooks.idle = [&] { return runner.running() == nullptr && !board.kernel().HasRunnableProcess(); };
  if (virtual_clock != nullptr) {
    hooks.advance_virtual_time = [virtual_clock] { return virtual_clock->AdvanceToNextDeadline(); };
  }
  if (daemon.exit_when_done()) {
    // Nothing runs and nothing can wake a process: no alarm is armed and no app waits for
    // console input that could still come (control-socket input does not count).
    hooks.nothing_can_wake = [&] {
      const bool input_can_wake = console_input_open && board.console_read_pending();
      return !board.alarm_armed() && !input_can_wake && !tock::DeferredCall::HasPending();
    };
  }
  hooks.finished = [&daemon] { return daemon.finished(); };
  MainLoop main_loop(std::move(hooks));
  if (main_loop.Run() == MainLoop::Exit::kDone) {
    spdlog::info("every process is waiting and nothing can wake it: done");
  }
  spdlog::info(
      "tockd exits at {} ns ({} clock): {} syscalls, {} context switches, {} faults, {} "
      "preemptions at a wall-clock timeslice",
      clock.NowNs(), time_mode, runner.stats().syscalls, runner.stats().context_switches,
      runner.stats().faults, daemon.wall_clock_preemptions());
  spdlog::debug(
      "event loop: {} spin hits, {} spin misses, {} spins skipped, {} blocking waits, {} fd "
      "callbacks, {} timer callbacks",
      (*loop)->stats().spin_hits, (*loop)->stats().spin_misses, (*loop)->stats().spins_skipped,
      (*loop)->stats().blocking_waits, (*loop)->stats().fd_callbacks,
      (*loop)->stats().timer_callbacks);
  std::fflush(stdout);

  // Teardown: stop listening first (removes the control socket file), then let the locals go
  // in reverse order. The trace tap goes before the tracer, which the uart outlives.
  if (signal_watch != 0) {
    (*loop)->Unwatch(signal_watch);
  }
  daemon.set_control(nullptr);
  control.reset();
  if (trace_tap) {
    uart.RemoveOutputTap(*trace_tap);
  }
  // --exit-when-done: 1 when an app faulted or was not loaded; a panic is 3 in any mode. The
  // last line says why.
  int status = daemon.exit_code();
  if (status == 0 && daemon.exit_when_done() &&
      (!daemon.faulted_apps().empty() || !refusals.empty())) {
    status = kFailed;
  }
  if (status != 0) {
    std::fflush(stderr);
    Fail(absl::StrCat("exiting ", status, ": ", ExitReasons(daemon, refusals)));
  }
  return status;
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
  return Run(*config);
}

}  // namespace
}  // namespace tockpp::hostkernel

int main(int argc, char** argv) { return tockpp::hostkernel::Main(argc, argv); }
