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

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "hostkernel/board/host_board.h"
#include "hostkernel/config/fault_policy_spec.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/control_server.h"
#include "hostkernel/daemon/fault_policies.h"
#include "hostkernel/daemon/fd_budget.h"
#include "hostkernel/daemon/main_loop.h"
#include "hostkernel/debug/app_debugger.h"
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
#include "hostkernel/symbols/app_symbols.h"  // issue 21.2
#include "kernel/deferred_call.h"
#include "spdlog/sinks/stdout_color_sinks.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(absl::Duration, timeslice, absl::Milliseconds(10),
          "how long an app may run before another gets the CPU");
ABSL_FLAG(std::string, fault_policy, "panic",
          "panic|stop|restart|restart:N, and NAME=POLICY overrides, comma-separated");
ABSL_FLAG(std::string, console, "stdio", "where the console UART is: stdio or unix:PATH");
ABSL_FLAG(std::string, control, "", "control socket for tockctl: unix:PATH (off when empty)");
ABSL_FLAG(std::string, log_level, "info", "trace|debug|info|warn|error|off (logs go to stderr)");
ABSL_FLAG(bool, exit_when_done, false,
          "exit when no process can run again: 0, or 1 if an app was refused, 3 if the kernel "
          "panicked");
ABSL_FLAG(absl::Duration, exit_after, absl::ZeroDuration(),
          "stop cleanly (exit 0) after this much time, e.g. 60s; 0 = run until stopped");
ABSL_FLAG(std::string, process_console, "active",
          "upstream's process console on the console UART: active, hibernated (wakes on "
          "console-start) or off");
ABSL_FLAG(std::string, time, "real",
          "real (monotonic) or virtual (jumps to the next alarm when every process is idle)");
ABSL_FLAG(std::string, trace, "",
          "write a JSON-lines trace of syscalls, upcalls, faults, "
          "state changes and console output to this file");
ABSL_FLAG(std::string, flash_file, "",
          "file backing the apps' nonvolatile storage (persists across runs); in memory if empty");
ABSL_FLAG(bool, flash_file_reset, false,
          "recreate --flash-file (fresh header, erased pages) even if it holds data or is not a "
          "tockpp flash file");
ABSL_FLAG(uint64_t, seed, 0, "seed for the entropy source (RNG capsule)");
ABSL_FLAG(uint32_t, yield_spin_checks, 64,
          "how often an app checks for the answer to a blocking yield (~1 us each, giving up "
          "its CPU between checks) before it sleeps; 0 = sleep at once");
ABSL_FLAG(uint32_t, control_max_clients, 16,
          "control socket: connections open at once (one more gets 'error: too many clients'); "
          "0 = no limit");
ABSL_FLAG(uint32_t, max_processes, tockpp::hostkernel::kDefaultProcessSlots,
          "process slots: how many apps can be loaded at once, 1..256 (each slot costs 432 bytes "
          "of tockd memory, each loaded app ~9 KiB more and 5 fds; see hostkernel/README.md)");
ABSL_FLAG(absl::Duration, control_idle_timeout, absl::Minutes(5),
          "control socket: close a client that sends no command for this long (clients in "
          "watch or console mode are exempt); 0 = never");
// Loading (hostkernel/loader): each app is checked before any process exists; a refused app
// gets one line "tockd: not loading PATH (NAME): REASON" and the others boot.
ABSL_FLAG(bool, strict, false, "exit 2 before starting any app if any app is refused");
ABSL_FLAG(std::string, app_ram_max, "8M",
          "largest RAM request (TBF minimum_ram_size) of one app, bytes with K/M/G suffix ok; "
          "at most 1G");
ABSL_FLAG(std::string, total_ram_max, "128M",
          "largest RAM of all loaded apps together (each rounded to pages plus one page for the "
          "kernel), bytes with K/M/G suffix ok");

namespace tockpp::hostkernel {
namespace {

constexpr const char kUsage[] =
    "the Tock kernel as a Linux daemon; each app is an isolated x32 process.\n"
    "usage: tockd [flags] APP.tbf|APP.tab ...\n"
    "  --timeslice=10ms  --fault-policy=panic|stop|restart[:N][,NAME=POLICY]\n"
    "  --console=stdio|unix:PATH  --control=unix:PATH  --log-level=info\n"
    "  --exit-when-done  --exit-after=DURATION  --seed=N\n"
    "  --time=real|virtual  --trace=FILE  --process-console=active|hibernated|off\n"
    "  --flash-file=PATH (apps' nonvolatile storage, persists across runs; locked while in use)\n"
    "  --flash-file-reset (erase and recreate the --flash-file, e.g. after it was refused)\n"
    "  --control-max-clients=16  --control-idle-timeout=5m (0 = no limit / never)\n"
    "  --yield-spin-checks=64 (0 = an app sleeps at once in a blocking yield)\n"
    "  --max-processes=8 (1..256 process slots, 432 bytes each + per loaded app ~9 KiB\n"
    "    and 5 fds; apps beyond the slots are not loaded; RLIMIT_NOFILE is checked)\n"
    "  --app-ram-max=8M  --total-ram-max=128M (RAM caps: one app, all apps together)\n"
    "  --strict (exit 2, starting nothing, if any app is refused)\n"
    "An app that cannot run here is refused with one line, 'tockd: not loading PATH (NAME):\n"
    "REASON', and the others boot; --exit-when-done then exits 1.\n"
    "Example: tockd --fault-policy=restart:3 hello.tbf blink.tbf";

// Reacts to what the runner reports: logs faults, accounts virtual time, writes the trace.
class Daemon final : public HostRunner::Listener {
 public:
  Daemon(tock::Kernel& kernel, HostClock& clock, VirtualClock* virtual_clock,
         std::span<TracingBoundary> boundaries)
      : kernel_(kernel), clock_(clock), virtual_clock_(virtual_clock), boundaries_(boundaries) {}

  int exit_code() const { return exit_code_; }
  bool finished() const { return finished_; }
  void set_exit_when_done(bool v) { exit_when_done_ = v; }
  bool exit_when_done() const { return exit_when_done_; }
  void set_tracer(Tracer* tracer) { tracer_ = tracer; }
  void set_control(ControlServer* control) { control_ = control; }
  void set_board(const HostBoard* board) { board_ = board; }
  void Finish() { finished_ = true; }
  // Preemptions at a wall-clock timeslice: the only source of non-determinism in virtual time.
  uint64_t wall_clock_preemptions() const { return preemptions_; }

  void ProcessFaulted(const tock::Process& p, const std::string& dump) override {
    spdlog::error("{}", dump);
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
  bool exit_when_done_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
  uint64_t preemptions_ = 0;
};

bool SetLogLevel(const std::string& name) {
  const spdlog::level::level_enum level = spdlog::level::from_str(name);
  if (level == spdlog::level::off && name != "off") {
    return false;
  }
  spdlog::set_level(level);
  return true;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "tockd: %s\n", message.c_str());
  return 2;
}

// Accepts --exit-when-done as well as Abseil's --exit_when_done: rewrites dashes in flag names
// (not in values) to underscores before parsing.
std::vector<std::string> NormalizeFlagNames(int argc, char** argv) {
  std::vector<std::string> out(argv, argv + argc);
  for (size_t i = 1; i < out.size(); ++i) {
    std::string& a = out[i];
    if (a == "--") {
      break;
    }
    if (a.size() < 3 || a[0] != '-' || a[1] != '-') {
      continue;
    }
    const size_t end = std::min(a.find('='), a.size());
    for (size_t j = 2; j < end; ++j) {
      if (a[j] == '-') {
        a[j] = '_';
      }
    }
  }
  return out;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<std::string> normalized = NormalizeFlagNames(argc, argv);
  std::vector<char*> normalized_argv;
  normalized_argv.reserve(normalized.size());
  for (std::string& a : normalized) {
    normalized_argv.push_back(a.data());
  }
  std::vector<char*> args =
      absl::ParseCommandLine(static_cast<int>(normalized_argv.size()), normalized_argv.data());
  auto logger = spdlog::stderr_color_st("tockd");
  logger->set_pattern("[%H:%M:%S.%e] [%^%l%$] %v");
  spdlog::set_default_logger(logger);

  if (!SetLogLevel(absl::GetFlag(FLAGS_log_level))) {
    return Fail("--log-level must be one of trace, debug, info, warn, error, off");
  }
  const absl::Duration timeslice = absl::GetFlag(FLAGS_timeslice);
  if (timeslice < absl::Microseconds(100) || timeslice > absl::Seconds(10)) {
    return Fail("--timeslice must be between 100us and 10s");
  }
  absl::StatusOr<FaultPolicyTable> policies =
      ParseFaultPolicyTable(absl::GetFlag(FLAGS_fault_policy));
  if (!policies.ok()) {
    return Fail(std::string{policies.status().message()});
  }
  const std::string console_spec = absl::GetFlag(FLAGS_console);
  absl::string_view console_path = console_spec;
  const bool console_on_socket = absl::ConsumePrefix(&console_path, "unix:");
  if (!console_on_socket && console_spec != "stdio") {
    return Fail("--console must be stdio or unix:PATH");
  }
  const std::string control_spec = absl::GetFlag(FLAGS_control);
  absl::string_view control_path = control_spec;
  if (!control_spec.empty() &&
      (!absl::ConsumePrefix(&control_path, "unix:") || control_path.empty())) {
    return Fail("--control must be unix:PATH");
  }
  const absl::Duration idle_timeout = absl::GetFlag(FLAGS_control_idle_timeout);
  if (idle_timeout < absl::ZeroDuration()) {
    return Fail("--control-idle-timeout must be >= 0");
  }
  ControlOptions control_options;
  control_options.max_clients = absl::GetFlag(FLAGS_control_max_clients);
  control_options.idle_timeout_ns = static_cast<uint64_t>(absl::ToInt64Nanoseconds(idle_timeout));

  if (args.size() < 2) {
    return Fail("no apps given (usage: tockd [flags] APP.tbf ...; see --help)");
  }

  // Process slots (the board's table is sized from this at start).
  const uint32_t max_processes = absl::GetFlag(FLAGS_max_processes);
  if (max_processes < 1 || max_processes > kMaxProcessSlots) {
    return Fail(absl::StrCat("--max-processes must be between 1 and ", kMaxProcessSlots));
  }
  // Every app is read and checked before any process exists (hostkernel/loader).
  HostLoadLimits load_limits;
  load_limits.max_processes = max_processes;
  {
    absl::StatusOr<uint64_t> app_ram = ParseByteSize(absl::GetFlag(FLAGS_app_ram_max));
    if (!app_ram.ok() || *app_ram == 0 || *app_ram > kHostProcessRamCeiling) {
      return Fail("--app-ram-max must be a size from 1 to 1G (e.g. 8M)");
    }
    absl::StatusOr<uint64_t> total_ram = ParseByteSize(absl::GetFlag(FLAGS_total_ram_max));
    if (!total_ram.ok() || *total_ram == 0) {
      return Fail("--total-ram-max must be a size of at least 1 (e.g. 128M)");
    }
    load_limits.max_app_ram = static_cast<uint32_t>(*app_ram);
    load_limits.max_total_ram = *total_ram;
  }
  const bool strict = absl::GetFlag(FLAGS_strict);
  LoadPlan plan =
      PlanLoadFiles(std::vector<std::string>(args.begin() + 1, args.end()), load_limits);
  for (const std::string& note : plan.notes) {
    spdlog::info("{}", note);
  }
  for (const AppRefusal& refusal : plan.refused) {
    std::fprintf(stderr, "%s\n", RefusalLine(refusal).c_str());
  }
  size_t refused_apps = plan.refused.size();
  if (strict && refused_apps > 0) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", refused_apps);
    return 2;
  }
  if (plan.accepted.empty()) {
    return 1;  // every app has its line above
  }
  std::vector<std::unique_ptr<AppImage>> images = std::move(plan.accepted);
  if (absl::Status s = InstallAppSymbols(images); !s.ok()) {  // issue 21.2: --symbols
    return Fail(std::string{s.message()});
  }
  // The file descriptors these apps need (fd_budget.h), checked against RLIMIT_NOFILE before
  // anything is opened.
  {
    FdBudgetInput fd_input;
    fd_input.open_at_start = CountOpenFds();
    fd_input.apps = std::min<size_t>(images.size(), max_processes);
    fd_input.console_socket = console_on_socket;
    fd_input.control = !control_spec.empty();
    fd_input.control_max_clients = control_options.max_clients;
    fd_input.trace = !absl::GetFlag(FLAGS_trace).empty();
    fd_input.flash_in_memory = absl::GetFlag(FLAGS_flash_file).empty();
    if (absl::Status fds = EnsureFdLimit(ComputeFdBudget(fd_input), SystemRlimitOps()); !fds.ok()) {
      return Fail(std::string{fds.message()});
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
  const std::string time_mode = absl::GetFlag(FLAGS_time);
  if (time_mode != "real" && time_mode != "virtual") {
    return Fail("--time must be real or virtual");
  }
  std::unique_ptr<HostClock> clock_storage;
  VirtualClock* virtual_clock = nullptr;
  if (time_mode == "virtual") {
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
    auto listening = UnixConsole::Listen(reactor, uart, std::string{console_path});
    if (!listening.ok()) {
      return Fail(std::string{listening.status().message()});
    }
    unix_console = *std::move(listening);
  } else {
    uart.Attach(STDIN_FILENO, STDOUT_FILENO);
    uart.SetInputClosedCallback([&console_input_open] { console_input_open = false; });
  }

  HostBoardConfig board_config;
  board_config.max_processes = max_processes;
  board_config.timeslice_us = static_cast<uint32_t>(absl::ToInt64Microseconds(timeslice));
  board_config.seed = absl::GetFlag(FLAGS_seed);
  const std::string pconsole = absl::GetFlag(FLAGS_process_console);
  if (pconsole == "active") {
    board_config.process_console = HostBoardConfig::ProcessConsoleMode::kActive;
  } else if (pconsole == "hibernated") {
    board_config.process_console = HostBoardConfig::ProcessConsoleMode::kHibernated;
  } else if (pconsole == "off") {
    board_config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  } else {
    return Fail("--process-console must be active, hibernated or off");
  }
  // Flash for nonvolatile storage: the given file (locked, its header checked), or an anonymous
  // in-memory file that always starts fresh.
  const std::string flash_flag = absl::GetFlag(FLAGS_flash_file);
  std::string flash_path = flash_flag;
  FileFlash::OpenMode flash_mode = absl::GetFlag(FLAGS_flash_file_reset)
                                       ? FileFlash::OpenMode::kReset
                                       : FileFlash::OpenMode::kOpenOrCreate;
  UniqueFd flash_memfd;
  if (flash_path.empty()) {
    flash_memfd.Reset(memfd_create("tockd-flash", MFD_CLOEXEC));
    if (!flash_memfd) {
      return Fail("cannot create the in-memory flash");
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
  auto board_storage = std::make_unique<HostBoard>(reactor, clock, uart, **flash, board_config);
  HostBoard& board = *board_storage;

  Daemon daemon(board.kernel(), clock, virtual_clock, boundaries);
  daemon.set_exit_when_done(absl::GetFlag(FLAGS_exit_when_done));
  daemon.set_board(&board);
  std::unique_ptr<Tracer> tracer;
  std::optional<uint64_t> trace_tap;
  if (const std::string trace_path = absl::GetFlag(FLAGS_trace); !trace_path.empty()) {
    auto opened = Tracer::Open(trace_path, clock);
    if (!opened.ok()) {
      return Fail(std::string{opened.status().message()});
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
    board.hosts()[i].set_yield_checks(absl::GetFlag(FLAGS_yield_spin_checks));
  }
  HostRunner runner(**loop, board.kernel(), children, board.main_loop_cap(), board.management_cap(),
                    daemon);
  runner.set_deterministic(virtual_clock != nullptr);

  for (const auto& [name, spec] : policies->per_app) {
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
  AppDebugger debugger(board.hosts(), images);  // issue 21 (H1): --debug=APP, `debug APP`
  std::unique_ptr<ControlServer> control;
  if (!control_spec.empty()) {
    ControlTargets targets;
    targets.debug = &debugger;  // issue 21 (H1)
    targets.leds = &board.leds();
    targets.buttons = &board.buttons();
    targets.gpio = &board.gpio();
    targets.processes = &introspection;
    targets.console = &console_hook;
    targets.clock = &clock;
    auto server =
        ControlServer::Listen(reactor, std::string{control_path}, targets, control_options);
    if (!server.ok()) {
      return Fail(std::string{server.status().message()});
    }
    control = *std::move(server);
    daemon.set_control(control.get());
    spdlog::info("control socket at {}", std::string{control_path});
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
      ++refused_apps;
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
      ++refused_apps;
      continue;
    }
    spdlog::info("loaded {} from {} (fault policy {}){}", EscapedName(image->name()), image->source,
                 ToString(spec),
                 image->tbf.enabled ? "" : "; disabled in its TBF flags: not started");
    ++loaded;
  }
  if (strict && refused_apps > 0) {
    std::fprintf(stderr, "tockd: --strict: %zu app(s) refused, starting none\n", refused_apps);
    return 2;
  }
  if (loaded == 0) {
    return 1;  // every app has its line above
  }

  const absl::Duration exit_after = absl::GetFlag(FLAGS_exit_after);
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
  if (daemon.exit_code() == 0 && daemon.exit_when_done() && refused_apps > 0) {
    return 1;  // --exit-when-done: some app given was not loaded
  }
  return daemon.exit_code();
}

}  // namespace
}  // namespace tockpp::hostkernel

int main(int argc, char** argv) { return tockpp::hostkernel::Main(argc, argv); }
