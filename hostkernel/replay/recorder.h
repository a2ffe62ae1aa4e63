// Recorder: `tockd --record=FILE`. Writes the recording's header at once and then one line
// per input as the kernel consumes it, each with a single write(2), so that a recording cut
// short by a crash or a kill -9 still replays up to its last whole line. Write errors are
// reported once (the run goes on). Host-only; loop thread only.
#ifndef TOCKPP_HOSTKERNEL_REPLAY_RECORDER_H_
#define TOCKPP_HOSTKERNEL_REPLAY_RECORDER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hostkernel/process/unique_fd.h"
#include "hostkernel/replay/recording.h"

namespace tock::hostkernel {

class Recorder {
 public:
  // Where the kernel is now (tockd: its clock and the scheduler's counters).
  using PositionSource = std::function<InputPosition()>;

  // Creates (or truncates) `path` and writes `header`. Errors carry the errno text.
  static absl::StatusOr<std::unique_ptr<Recorder>> Create(const std::string& path,
                                                          const RecordingHeader& header,
                                                          PositionSource position);

  // An input consumed now.
  void Record(InputKind kind, absl::string_view data);
  // The run ends now, for `reason` (one word).
  void End(absl::string_view reason);

  uint64_t inputs() const { return inputs_; }
  const std::string& path() const { return path_; }

 private:
  Recorder(std::string path, UniqueFd fd, PositionSource position)
      : path_(std::move(path)), fd_(std::move(fd)), position_(std::move(position)) {}
  void Write(const std::string& line);

  std::string path_;
  UniqueFd fd_;
  PositionSource position_;
  uint64_t inputs_ = 0;
  bool failed_ = false;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_REPLAY_RECORDER_H_
