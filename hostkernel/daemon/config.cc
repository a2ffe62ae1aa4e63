// tockd's flags and ParseConfig / CheckConfigFiles (config.h).
#include "hostkernel/daemon/config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(absl::Duration, timeslice, absl::Milliseconds(10),
          "how long an app may run before another gets the CPU, 100us..10s");
ABSL_FLAG(std::string, fault_policy, "panic",
          "panic|stop|restart|restart:N, and NAME=POLICY overrides, comma-separated");
ABSL_FLAG(std::string, console, "stdio", "where the console UART is: stdio or unix:PATH");
ABSL_FLAG(std::string, control, "", "control socket for tockctl: unix:PATH (off when empty)");
ABSL_FLAG(std::string, log_level, "info", "trace|debug|info|warn|error|off (logs go to stderr)");
ABSL_FLAG(bool, exit_when_done, false,
          "exit when no process can run again: 0, or 1 if an app faulted or was not loaded (the "
          "last line says which), 3 if the kernel panicked");
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
ABSL_FLAG(uint32_t, max_processes, tock::hostkernel::kDefaultProcessSlots,
          "process slots: how many apps can be loaded at once, 1..256 (each slot costs 440 bytes "
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
ABSL_FLAG(std::string, record, "",
          "write every input from outside (console, control commands, stop signal) and the "
          "initial flash to FILE, for --replay (format: hostkernel/replay/RECORD.md)");
ABSL_FLAG(std::string, replay, "",
          "run the apps, flags and inputs of a --record FILE again (no console input, no control "
          "socket); with --time=virtual the --trace is byte-identical");
ABSL_FLAG(std::string, total_ram_max, "128M",
          "largest RAM of all loaded apps together (each rounded to pages plus one page for the "
          "kernel), bytes with K/M/G suffix ok");
// Credentials (hostkernel/loader/credentials.h): ECDSA P-256 app signatures.
ABSL_FLAG(std::vector<std::string>, credential_key, {},
          "PEM public key(s) that app signatures (TBF EcdsaNistP256 credentials) are checked "
          "against; comma list, may be given again. A signature none verifies is refused");
ABSL_FLAG(bool, require_credentials, false,
          "refuse apps without an accepted credential: a signature by a --credential-key (or, "
          "with no key given, a SHA-256/384/512 footer); default: unsigned apps run");

namespace tock::hostkernel {

const char kTockdUsage[] =
    "tockd: the Tock kernel as a Linux daemon; each app runs as an isolated x32 process.\n"
    "usage: tockd [flags] APP.tbf|APP.tab ...\n"
    "  --fault-policy=panic|stop|restart[:N][,NAME=POLICY]  what an app fault does (panic)\n"
    "  --exit-when-done        exit when no app can run again (exit status below)\n"
    "  --exit-after=DURATION   stop cleanly after e.g. 60s\n"
    "  --time=real|virtual     virtual: time jumps to the next alarm when every app waits\n"
    "  --trace=FILE            JSON-lines trace of syscalls, upcalls, faults, state changes\n"
    "  --seed=N                entropy seed; same seed and virtual time, same trace\n"
    "  --console=stdio|unix:PATH  --process-console=active|hibernated|off\n"
    "  --control=unix:PATH     control socket for tockctl\n"
    "  --flash-file=FILE       apps' nonvolatile storage, kept across runs (--flash-file-reset)\n"
    "  --log-level=info        trace|debug|info|warn|error|off (logs go to stderr)\n"
    "  --max-processes=8  --app-ram-max=8M  --total-ram-max=128M  --timeslice=10ms\n"
    "  --strict                start nothing if any app is refused (exit 2)\n"
    "  --credential-key=PUB.pem[,...]  --require-credentials  app signatures (ECDSA P-256)\n"
    "  --debug=APP             stop APP before its first instruction; print the gdb command\n"
    "  --symbols=DIR|APP=ELF,...  app ELFs for fault dumps (default: NAME.elf beside NAME.tbf)\n"
    "  --record=FILE           keep every outside input; --replay=FILE runs it again\n"
    "  --help  --helpfull (every flag)  --version\n"
    "Relative paths are from the directory tockd was started in (also under `bazel run`).\n"
    "Exit status: 0 done; 1 failure, or with --exit-when-done an app faulted or was not\n"
    "loaded (the last line says which); 2 usage error or --strict refusal; 3 kernel panic.\n"
    "Example: tockd --fault-policy=restart:3 --exit-when-done hello.tbf blink.tbf\n";

namespace {

absl::Status Usage(absl::string_view message) { return absl::InvalidArgumentError(message); }

// A unix:PATH flag value -> PATH (shorter than a socket address can hold).
absl::Status UnixPath(const char* flag, const std::string& value, std::string& path) {
  absl::string_view rest = value;
  if (!absl::ConsumePrefix(&rest, "unix:") || rest.empty()) {
    return Usage(absl::StrCat(flag, " must be unix:PATH"));
  }
  if (rest.size() >= sizeof(sockaddr_un{}.sun_path)) {
    return Usage(absl::StrCat(flag, " path is ", rest.size(),
                              " bytes; a socket path must be under ",
                              sizeof(sockaddr_un{}.sun_path)));
  }
  path = std::string{rest};
  return absl::OkStatus();
}

std::string Errno(const std::string& what) {
  return absl::StrCat(what, ": ", std::strerror(errno));
}

// The directory a new file at `path` would go into exists and can take it.
absl::Status CheckParentDirectory(const char* flag, const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(flag, " ", path, ": ", Errno(absl::StrCat("directory ", dir))));
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat(flag, " ", path, ": ", dir, " is not a directory"));
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(flag, " ", path, ": ", Errno(absl::StrCat("directory ", dir))));
  }
  return absl::OkStatus();
}

}  // namespace

std::string ReplayFlag() { return absl::GetFlag(FLAGS_replay); }

absl::StatusOr<TockdConfig> ParseConfig(const std::vector<std::string>& apps) {
  TockdConfig c;
  c.log_level = absl::GetFlag(FLAGS_log_level);
  const spdlog::level::level_enum level = spdlog::level::from_str(c.log_level);
  if (level == spdlog::level::off && c.log_level != "off") {
    return Usage("--log-level must be one of trace, debug, info, warn, error, off");
  }
  const absl::Duration timeslice = absl::GetFlag(FLAGS_timeslice);
  if (timeslice < absl::Microseconds(100) || timeslice > absl::Seconds(10)) {
    return Usage("--timeslice must be between 100us and 10s");
  }
  absl::StatusOr<FaultPolicyTable> policies =
      ParseFaultPolicyTable(absl::GetFlag(FLAGS_fault_policy));
  if (!policies.ok()) {
    return Usage(policies.status().message());
  }
  c.policies = *std::move(policies);
  if (const std::string console = absl::GetFlag(FLAGS_console); console != "stdio") {
    if (absl::Status s = UnixPath("--console", console, c.console_path); !s.ok()) {
      return Usage("--console must be stdio or unix:PATH");
    }
  }
  if (const std::string control = absl::GetFlag(FLAGS_control); !control.empty()) {
    if (absl::Status s = UnixPath("--control", control, c.control_path); !s.ok()) {
      return s;
    }
  }
  const absl::Duration idle_timeout = absl::GetFlag(FLAGS_control_idle_timeout);
  if (idle_timeout < absl::ZeroDuration()) {
    return Usage("--control-idle-timeout must be >= 0");
  }
  c.control.max_clients = absl::GetFlag(FLAGS_control_max_clients);
  c.control.idle_timeout_ns = static_cast<uint64_t>(absl::ToInt64Nanoseconds(idle_timeout));

  const uint32_t max_processes = absl::GetFlag(FLAGS_max_processes);
  if (max_processes < 1 || max_processes > kMaxProcessSlots) {
    return Usage(absl::StrCat("--max-processes must be between 1 and ", kMaxProcessSlots));
  }
  c.load_limits.max_processes = max_processes;
  absl::StatusOr<uint64_t> app_ram = ParseByteSize(absl::GetFlag(FLAGS_app_ram_max));
  if (!app_ram.ok() || *app_ram == 0 || *app_ram > kHostProcessRamCeiling) {
    return Usage("--app-ram-max must be a size from 1 to 1G (e.g. 8M)");
  }
  absl::StatusOr<uint64_t> total_ram = ParseByteSize(absl::GetFlag(FLAGS_total_ram_max));
  if (!total_ram.ok() || *total_ram == 0) {
    return Usage("--total-ram-max must be a size of at least 1 (e.g. 128M)");
  }
  c.load_limits.max_app_ram = static_cast<uint32_t>(*app_ram);
  c.load_limits.max_total_ram = *total_ram;
  c.load_limits.credentials = CredentialPolicy{};
  c.load_limits.credentials.require = absl::GetFlag(FLAGS_require_credentials);
  for (const std::string& keys : absl::GetFlag(FLAGS_credential_key)) {
    if (absl::Status k = AddCredentialKeys(keys, c.load_limits.credentials); !k.ok()) {
      return Usage(k.message());
    }
  }

  const std::string time_mode = absl::GetFlag(FLAGS_time);
  if (time_mode != "real" && time_mode != "virtual") {
    return Usage("--time must be real or virtual");
  }
  c.virtual_time = time_mode == "virtual";
  c.board.max_processes = max_processes;
  c.board.timeslice_us = static_cast<uint32_t>(absl::ToInt64Microseconds(timeslice));
  c.board.seed = absl::GetFlag(FLAGS_seed);
  const std::string pconsole = absl::GetFlag(FLAGS_process_console);
  if (pconsole == "active") {
    c.board.process_console = HostBoardConfig::ProcessConsoleMode::kActive;
  } else if (pconsole == "hibernated") {
    c.board.process_console = HostBoardConfig::ProcessConsoleMode::kHibernated;
  } else if (pconsole == "off") {
    c.board.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  } else {
    return Usage("--process-console must be active, hibernated or off");
  }
  c.exit_after = absl::GetFlag(FLAGS_exit_after);
  if (c.exit_after < absl::ZeroDuration()) {
    return Usage("--exit-after must be >= 0");
  }
  c.exit_when_done = absl::GetFlag(FLAGS_exit_when_done);
  c.strict = absl::GetFlag(FLAGS_strict);
  c.yield_spin_checks = absl::GetFlag(FLAGS_yield_spin_checks);
  c.trace_path = absl::GetFlag(FLAGS_trace);
  c.flash_path = absl::GetFlag(FLAGS_flash_file);
  c.flash_reset = absl::GetFlag(FLAGS_flash_file_reset);
  c.record_path = absl::GetFlag(FLAGS_record);
  c.replay_path = absl::GetFlag(FLAGS_replay);
  if (!c.replay_path.empty()) {
    // A replay's only input is its recording (and its flash contents come from there too).
    const std::pair<bool, const char*> kNotWithReplay[] = {
        {!c.record_path.empty(), "--record"},   {!c.control_path.empty(), "--control"},
        {!c.console_path.empty(), "--console"}, {!c.flash_path.empty(), "--flash-file"},
        {c.flash_reset, "--flash-file-reset"},
    };
    for (const auto& [given, flag] : kNotWithReplay) {
      if (given) {
        return Usage(absl::StrCat(flag,
                                  " cannot be used with --replay (the recording is the "
                                  "run's only input)"));
      }
    }
  }
  if (apps.empty()) {
    return Usage("no apps given (usage: tockd [flags] APP.tbf ...; see tockd --help)");
  }
  c.apps = apps;
  return c;
}

absl::Status CheckConfigFiles(const TockdConfig& c) {
  if (!c.trace_path.empty()) {
    // Not truncated here (the tracer does that); O_NONBLOCK so that a FIFO without a reader
    // fails at once instead of hanging.
    const int fd =
        ::open(c.trace_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0666);
    if (fd < 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("--trace ", c.trace_path, ": ", Errno("cannot open")));
    }
    ::close(fd);
  }
  if (!c.record_path.empty()) {
    const int fd = ::open(c.record_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
    if (fd < 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("--record ", c.record_path, ": ", Errno("cannot open")));
    }
    ::close(fd);
  }
  if (!c.flash_path.empty()) {
    struct stat st;
    if (::stat(c.flash_path.c_str(), &st) == 0) {
      if (!S_ISREG(st.st_mode)) {
        return absl::FailedPreconditionError(
            absl::StrCat("--flash-file ", c.flash_path, ": ",
                         S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file"));
      }
      if (::access(c.flash_path.c_str(), R_OK | W_OK) != 0) {
        return absl::FailedPreconditionError(
            absl::StrCat("--flash-file ", c.flash_path, ": ", Errno("cannot open")));
      }
    } else if (errno == ENOENT) {
      if (absl::Status s = CheckParentDirectory("--flash-file", c.flash_path); !s.ok()) {
        return s;
      }
    } else {
      return absl::FailedPreconditionError(
          absl::StrCat("--flash-file ", c.flash_path, ": ", Errno("cannot open")));
    }
  }
  if (!c.control_path.empty()) {
    if (absl::Status s = CheckParentDirectory("--control", c.control_path); !s.ok()) {
      return s;
    }
  }
  if (!c.console_path.empty()) {
    if (absl::Status s = CheckParentDirectory("--console", c.console_path); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace tock::hostkernel
