// ControlClient: one connection to tockd's control socket (protocol in
// hostkernel/control/README.md): send a command line, collect item lines up to `ok` or
// `error: ...`. Buttons, LEDs, GPIO, processes. Touches only its own socket.
#ifndef TOCKPP_TESTS_HARNESS_CONTROL_CLIENT_H_
#define TOCKPP_TESTS_HARNESS_CONTROL_CLIENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hostkernel/process/unique_fd.h"
#include "tests/harness/process_info.h"

namespace tock::harness {

using ::tock::hostkernel::UniqueFd;  // the one UniqueFd, shared with tockd

class ControlClient {
 public:
  // Connects to a listening control socket (fails at once if nobody listens).
  static absl::StatusOr<ControlClient> Connect(const std::string& socket_path);

  // Sends `command` and returns its item lines; `error: msg` becomes FailedPrecondition(msg).
  // `timeout` only guards against a hung tockd.
  absl::StatusOr<std::vector<std::string>> Request(std::string_view command,
                                                   absl::Duration timeout = absl::Seconds(10));

  absl::Status Press(int button);
  absl::Status Release(int button);
  // LED i is on iff result[i].
  absl::StatusOr<std::vector<bool>> Leds();
  // Drives GPIO pin `pin`'s input: "high", "low" or "float".
  absl::Status SetGpioInput(int pin, std::string_view level);
  // `ps` (or `ps -v` when `verbose`), parsed.
  absl::StatusOr<std::vector<ProcessInfo>> Processes(bool verbose = false);
  // `inspect APP`, parsed; NotFound-like FailedPrecondition if there is no such app.
  absl::StatusOr<ProcessInfo> Inspect(std::string_view app);

  // Sends every command in one write, as a client that does not wait for replies would
  // (pipelined), then reads one reply per command, in order: each is the item lines or the
  // `error: msg` as FailedPrecondition, as Request() gives them. The outer status fails only
  // if the connection fails or `timeout` passes before the last reply.
  absl::StatusOr<std::vector<absl::StatusOr<std::vector<std::string>>>> Pipeline(
      const std::vector<std::string>& commands, absl::Duration timeout = absl::Seconds(10));

  // Sends the line without waiting for a reply (for `watch`; the caller then reads fd()).
  absl::Status SendLine(std::string_view command);
  // Sends `bytes` verbatim (any number of lines, or part of one) without reading a reply.
  absl::Status SendRaw(std::string_view bytes);
  int fd() const { return fd_.get(); }

 private:
  explicit ControlClient(UniqueFd fd) : fd_(std::move(fd)) {}
  absl::StatusOr<std::string> ReadLine(absl::Time deadline);
  // Reads one reply (item lines up to `ok` / `error: ...`) to `command`. The outer status is
  // the connection's; the inner one is the command's.
  absl::StatusOr<absl::StatusOr<std::vector<std::string>>> ReadReply(std::string_view command,
                                                                     absl::Time deadline);

  UniqueFd fd_;
  std::string pending_;  // bytes read past the last returned line
};

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_CONTROL_CLIENT_H_
