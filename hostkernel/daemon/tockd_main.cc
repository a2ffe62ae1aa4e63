// tockd: the Tock kernel as a Linux daemon. Each app (a TBF, or the host TBFs of a TAB) runs as
// an isolated i386 child process; the portable kernel and capsules run here, on one
// single-threaded event loop. See hostkernel/README.md for the tour.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
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
#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/peripherals/event_loop_reactor.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/real_clock.h"
#include "hostkernel/peripherals/unix_console.h"
#include "hostkernel/runtime/app_image.h"
#include "hostkernel/runtime/host_runner.h"
#include "hostkernel/runtime/kernel_introspection.h"
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
          "exit 0 when no process can run again (non-zero if the kernel panicked)");
ABSL_FLAG(absl::Duration, exit_after, absl::ZeroDuration(),
          "stop cleanly (exit 0) after this much time, e.g. 60s; 0 = run until stopped");
ABSL_FLAG(uint64_t, seed, 0, "seed for the entropy source (RNG capsule)");

namespace tockpp::hostkernel {
namespace {

constexpr const char kUsage[] =
    "tockd: the Tock kernel as a Linux daemon; each app is an isolated i386 process.\n"
    "usage: tockd [flags] APP.tbf|APP.tab ...\n"
    "  --timeslice=10ms  --fault-policy=panic|stop|restart[:N][,NAME=POLICY]\n"
    "  --console=stdio|unix:PATH  --control=unix:PATH  --log-level=info\n"
    "  --exit-when-done  --exit-after=DURATION  --seed=N\n"
    "Example: tockd --fault-policy=restart:3 hello.tbf blink.tbf";

class Daemon final : public HostRunner::Listener {
 public:
  int exit_code() const { return exit_code_; }
  bool finished() const { return finished_; }
  void set_exit_when_done(bool v) { exit_when_done_ = v; }
  bool exit_when_done() const { return exit_when_done_; }
  void Finish() { finished_ = true; }

  void ProcessFaulted(const tock::Process&, const std::string& dump) override {
    spdlog::error("{}", dump);
  }
  void KernelPanicked(const std::string& reason) override {
    spdlog::critical("kernel panic: {}", reason);
    exit_code_ = 3;
    finished_ = true;
  }
  void AllProcessesDone() override {
    spdlog::info("no process can run any more");
    if (exit_when_done_) finished_ = true;
  }

 private:
  bool exit_when_done_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
};

bool SetLogLevel(const std::string& name) {
  const spdlog::level::level_enum level = spdlog::level::from_str(name);
  if (level == spdlog::level::off && name != "off") return false;
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
    if (a == "--") break;
    if (a.size() < 3 || a[0] != '-' || a[1] != '-') continue;
    const size_t end = std::min(a.find('='), a.size());
    for (size_t j = 2; j < end; ++j) {
      if (a[j] == '-') a[j] = '_';
    }
  }
  return out;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<std::string> normalized = NormalizeFlagNames(argc, argv);
  std::vector<char*> normalized_argv;
  for (std::string& a : normalized) normalized_argv.push_back(a.data());
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
  if (!policies.ok()) return Fail(std::string(policies.status().message()));
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
  if (args.size() < 2) return Fail("no apps given (usage: tockd [flags] APP.tbf ...; see --help)");

  std::vector<std::unique_ptr<AppImage>> images;
  for (size_t i = 1; i < args.size(); ++i) {
    auto loaded = LoadAppFile(args[i]);
    if (!loaded.ok()) {
      std::fprintf(stderr, "tockd: %s\n", std::string(loaded.status().message()).c_str());
      return 1;
    }
    for (auto& image : *loaded) images.push_back(std::move(image));
  }
  if (images.size() > HostBoard::kMaxProcesses) {
    return Fail(absl::StrCat("too many apps: ", images.size(), " (this board holds ",
                             HostBoard::kMaxProcesses, ")"));
  }

  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create();
  if (!loop.ok()) return Fail(absl::StrCat("event loop: ", loop.status().message()));
  EventLoopReactor reactor(**loop);
  RealClock clock(reactor);
  HostUart uart(reactor);
  std::unique_ptr<UnixConsole> unix_console;
  if (console_on_socket) {
    auto listening = UnixConsole::Listen(reactor, uart, std::string(console_path));
    if (!listening.ok()) return Fail(std::string(listening.status().message()));
    unix_console = *std::move(listening);
  } else {
    uart.Attach(STDIN_FILENO, STDOUT_FILENO);
  }

  HostBoardConfig board_config;
  board_config.timeslice_us = static_cast<uint32_t>(absl::ToInt64Microseconds(timeslice));
  board_config.seed = absl::GetFlag(FLAGS_seed);
  static HostBoard board(reactor, clock, uart, board_config);  // static: it is the machine

  Daemon daemon;
  daemon.set_exit_when_done(absl::GetFlag(FLAGS_exit_when_done));
  HostRunner runner(**loop, board.kernel(), board.hosts(), board.main_loop_cap(),
                    board.management_cap(), daemon);

  // The control socket: tockctl drives LEDs, buttons, GPIO, processes and the console.
  KernelIntrospection introspection(board.kernel(), board.management_cap(),
                                    [&runner] { runner.Schedule(); });
  UartConsoleHook console_hook(uart);
  std::unique_ptr<ControlServer> control;
  if (!control_spec.empty()) {
    ControlTargets targets;
    targets.leds = &board.leds();
    targets.buttons = &board.buttons();
    targets.gpio = &board.gpio();
    targets.processes = &introspection;
    targets.console = &console_hook;
    targets.clock = &clock;
    auto server = ControlServer::Listen(reactor, std::string(control_path), targets);
    if (!server.ok()) return Fail(std::string(server.status().message()));
    control = *std::move(server);
    spdlog::info("control socket at {}", std::string(control_path));
  }

  FaultPolicies fault_policies;
  size_t loaded = 0;
  for (const auto& image : images) {
    const FaultPolicySpec& spec = policies->For(image->name());
    auto pid = board.kernel().LoadProcess(image->tbf, board.hosts()[loaded].platform(),
                                          fault_policies.For(spec), board.management_cap());
    if (!pid.ok()) {
      spdlog::error("{}: could not load app '{}' (error {})", image->source, image->name(),
                    static_cast<uint32_t>(pid.error()));
      continue;
    }
    spdlog::info("loaded {} from {} (fault policy {})", image->name(), image->source,
                 ToString(spec));
    ++loaded;
  }
  if (loaded == 0) {
    std::fprintf(stderr, "tockd: no app could be loaded\n");
    return 1;
  }

  const absl::Duration exit_after = absl::GetFlag(FLAGS_exit_after);
  if (exit_after > absl::ZeroDuration()) {
    (*loop)->AddTimerAfter(absl::ToChronoNanoseconds(exit_after), [&daemon] {
      spdlog::info("--exit-after reached");
      daemon.Finish();
    });
  }

  runner.Schedule();
  while (!daemon.finished()) {
    (*loop)->Step(/*block=*/true);
    while (tock::DeferredCall::ServiceNext(board.deferred_call_cap())) {
    }
    runner.Schedule();
    if (daemon.exit_when_done() && runner.running() == nullptr &&
        !board.kernel().HasRunnableProcess() && !board.alarm_armed() &&
        !tock::DeferredCall::HasPending() && !(*loop)->Step(/*block=*/false)) {
      // Quiescent: nothing runs and nothing in the kernel can wake a process (input from the
      // console or control socket does not count).
      spdlog::info("every process is waiting and nothing can wake it: done");
      break;
    }
  }
  spdlog::info("tockd exits ({} syscalls, {} context switches, {} timeslice expiries, {} faults)",
               runner.stats().syscalls, runner.stats().context_switches,
               runner.stats().timeslice_expiries, runner.stats().faults);
  std::fflush(stdout);
  std::_Exit(daemon.exit_code());  // children die with their pidfds; statics need no teardown
}

}  // namespace
}  // namespace tockpp::hostkernel

int main(int argc, char** argv) { return tockpp::hostkernel::Main(argc, argv); }
