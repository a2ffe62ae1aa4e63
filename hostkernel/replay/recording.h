// Recording: what `tockd --record=FILE` writes and `tockd --replay=FILE` reads — the flags and
// app images a run started with, the initial flash contents, and every input that reached the
// kernel from outside, each stamped with the position at which the kernel consumed it. The
// text format (version 1) is documented in RECORD.md; FormatX/ParseRecording are its only
// writer and reader. Host-only.
#ifndef TOCKPP_HOSTKERNEL_REPLAY_RECORDING_H_
#define TOCKPP_HOSTKERNEL_REPLAY_RECORDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {

inline constexpr int kRecordingVersion = 1;

// Where in a run the kernel consumed an input: independent of wall time, so a replay finds it
// again. `syscalls` and `switches` count every syscall handled and every context switch since
// boot; `in_app` tells whether an app's code held the CPU (between two of its syscalls) or the
// kernel did (after a syscall, before the app resumed, or with every process idle).
struct InputPosition {
  uint64_t time_ns = 0;  // the active clock (virtual time with --time=virtual)
  uint64_t syscalls = 0;
  uint64_t switches = 0;
  bool in_app = false;
  bool operator==(const InputPosition&) const = default;
};

enum class InputKind {
  kConsole,  // bytes typed into the console UART (stdin, --console socket, `tockctl console`)
  kControl,  // one control-socket command line (`button 0 press`, `stop blink`, ...)
  kSignal,   // a stop signal (SIGINT, SIGTERM): data is its number
};

// The kind's word in the file ("console", "control", "signal").
absl::string_view InputKindName(InputKind kind);

struct RecordedInput {
  InputPosition at;
  InputKind kind = InputKind::kConsole;
  std::string data;
  bool operator==(const RecordedInput&) const = default;
};

struct RecordedApp {
  std::string path;    // as given on the command line
  std::string sha256;  // of the file's bytes, lowercase hex
  bool operator==(const RecordedApp&) const = default;
};

struct RecordingHeader {
  // Behaviour-deciding flags, by Abseil name ("seed", "time"), with their values as text.
  std::vector<std::pair<std::string, std::string>> flags;
  std::vector<RecordedApp> apps;
  // Flash geometry and the pages that were not erased (0xFF) when the run started.
  uint32_t flash_page_size = 0;
  uint32_t flash_page_count = 0;
  std::vector<std::pair<uint32_t, std::string>> flash_pages;
};

struct RecordedEnd {
  InputPosition at;
  std::string reason;  // one word: signal, exit-after, done, panic, ...
};

struct Recording {
  RecordingHeader header;
  std::vector<RecordedInput> inputs;  // in the order they were consumed
  std::optional<RecordedEnd> end;     // absent when the recording run was killed
};

// The header lines (version line first), each ending in '\n'.
std::string FormatHeader(const RecordingHeader& header);
// One `input` line, '\n' included.
std::string FormatInput(const RecordedInput& input);
// The `end` line, '\n' included.
std::string FormatEnd(const RecordedEnd& end);

// Parses a whole file. Errors are InvalidArgument "line N: WHAT" (or "not a tockd recording",
// "recording version V; this tockd reads version 1"). A last line without '\n' (a recording
// cut short by a crash) is ignored.
absl::StatusOr<Recording> ParseRecording(absl::string_view text);

// The flash image (page_size * page_count bytes) the header describes: erased pages are 0xFF.
std::string FlashImage(const RecordingHeader& header);
// Fills header.flash_* from an image of `page_count` pages of `page_size` bytes.
void SetFlashImage(RecordingHeader& header, uint32_t page_size, uint32_t page_count,
                   absl::string_view image);

// Bytes as one token without blanks: printable ASCII except '\\' and ' ' as is, every other
// byte as \xNN. Unescape returns nullopt for a malformed token.
std::string EscapeToken(absl::string_view bytes);
std::optional<std::string> UnescapeToken(absl::string_view token);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_REPLAY_RECORDING_H_
