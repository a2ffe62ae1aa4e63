// tockd's side of --record and --replay (the file format and the position logic are in
// hostkernel/replay): which flags a recording keeps, the digests of the app images, and the
// checks and settings a replay makes before the config is parsed. Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_RECORD_REPLAY_H_
#define TOCKPP_HOSTKERNEL_DAEMON_RECORD_REPLAY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hostkernel/replay/recording.h"

namespace tock::hostkernel {

// The flags (Abseil names) that decide what the kernel and the apps do; a recording keeps their
// values. Where input comes from and where output goes (--console, --control, --trace,
// --log-level, --flash-file) are not among them.
inline constexpr const char* kRecordedFlags[] = {
    "time",           "seed",          "timeslice",
    "max_processes",  "fault_policy",  "process_console",
    "exit_when_done", "exit_after",    "strict",
    "app_ram_max",    "total_ram_max", "require_credentials",
    "credential_key",
};

// The lowercase-hex SHA-256 of a file's bytes; NotFound/Unavailable with the errno text.
absl::StatusOr<std::string> FileSha256(const std::string& path);

// The header of a recording of this run (flags as set now, each app's path and digest; a file
// that cannot be read gets the digest of no bytes), with no flash yet.
absl::StatusOr<RecordingHeader> RecordingHeaderForRun(const std::vector<std::string>& apps);

// Reads the recording at `path` and prepares this process to replay it: every recorded flag
// that was left at its default takes the recorded value; `apps`, if empty, becomes the recorded
// list, else it must name the same number of files with the recorded digests. Errors (one line,
// tockd prefixes "--replay PATH: "): DataLoss for a file that cannot be read or is not a
// recording ("line 7: ..."), FailedPrecondition for a flag given another value or an app that
// is not the recorded image.
absl::StatusOr<Recording> PrepareReplay(const std::string& path, std::vector<std::string>& apps);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_RECORD_REPLAY_H_
