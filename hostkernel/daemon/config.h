// TockdConfig: everything tockd's flags and arguments say, checked. ParseConfig turns the flag
// values (ABSL_FLAGs defined in config.cc, set by ParseCommandLine) and the app paths into a
// config or a usage error (exit 2); CheckConfigFiles then opens nothing that stays open but
// checks that every file a flag names can be used (exit 1 if not), before any app is read or
// started. Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_CONFIG_H_
#define TOCKPP_HOSTKERNEL_DAEMON_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hostkernel/board/host_board.h"
#include "hostkernel/config/fault_policy_spec.h"
#include "hostkernel/control/control_server.h"
#include "hostkernel/loader/app_check.h"

namespace tock::hostkernel {

struct TockdConfig {
  std::vector<std::string> apps;  // TBF / TAB paths, as given
  std::string log_level = "info";
  FaultPolicyTable policies;
  HostBoardConfig board;  // process slots, timeslice, seed, process console
  HostLoadLimits load_limits;
  bool strict = false;
  bool exit_when_done = false;
  absl::Duration exit_after = absl::ZeroDuration();  // zero: run until stopped
  bool virtual_time = false;
  uint32_t yield_spin_checks = 64;
  std::string console_path;  // --console=unix:PATH; empty: stdio
  std::string control_path;  // --control=unix:PATH; empty: no control socket
  ControlOptions control;
  std::string trace_path;  // empty: no trace
  std::string flash_path;  // empty: in-memory flash
  bool flash_reset = false;
  std::string record_path;  // --record FILE; empty: not recording
  std::string replay_path;  // --replay FILE; empty: not replaying
};

// The curated `tockd --help` screen.
extern const char kTockdUsage[];

// The --replay flag as given: read before ParseConfig, since a replay takes the flags and apps
// it was not given from its recording (record_replay.h).
std::string ReplayFlag();

// Reads the flags; `apps` are the positional arguments. Errors are InvalidArgument with a
// one-line message naming the flag ("--time must be real or virtual").
absl::StatusOr<TockdConfig> ParseConfig(const std::vector<std::string>& apps);

// The files the config names, checked before anything starts: --trace can be opened for
// writing, --flash-file is a regular file that can be read and written (or can be created in
// an existing directory), the directory of each unix: socket exists. The message names the
// flag, the path and the errno text ("--trace /x/t.json: cannot open: No such file or
// directory").
absl::Status CheckConfigFiles(const TockdConfig& config);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_CONFIG_H_
