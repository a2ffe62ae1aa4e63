// ControlServer: tockd's control socket (`--control=unix:PATH`). Many non-blocking SOCK_STREAM
// clients speak the line protocol of README.md: commands in, reply lines out, each reply ended
// by "ok" or "error: <message>"; `watch` streams events, `console` turns the connection into a
// raw console pipe. Drives and observes the host LEDs/buttons/GPIO and delegates process
// commands to ProcessIntrospection. Host-only; loop thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/process_introspection.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/process/unique_fd.h"

namespace tockpp::hostkernel {

// What the server can see and drive; any member may be null (its commands then reply
// "error: ... not available").
struct ControlTargets {
  HostLeds* leds = nullptr;
  HostButtons* buttons = nullptr;
  HostGpioBank* gpio = nullptr;
  ProcessIntrospection* processes = nullptr;
  ConsoleHook* console = nullptr;
  // When set, watch events carry " t=<ns>" in this clock.
  const HostClock* clock = nullptr;
};

class ControlServer {
 public:
  static constexpr size_t kMaxLineBytes = 4096;
  // A client that falls this far behind on output (e.g. a stuck `watch`) is disconnected.
  static constexpr size_t kMaxQueuedOutput = 1 << 20;

  // Listens on `path` (see ListenUnix: a stale socket file is replaced).
  static absl::StatusOr<std::unique_ptr<ControlServer>> Listen(Reactor& reactor,
                                                               const std::string& path,
                                                               ControlTargets targets);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Sends `line` (no newline) to every `watch` client, e.g. "process blink faulted".
  void PublishEvent(std::string_view line);
  // Ends every stream (watchers get "ok"), closes all clients and stops accepting.
  void Shutdown();

  const std::string& path() const { return path_; }
  size_t client_count() const { return clients_.size(); }
  size_t watcher_count() const;
  size_t console_count() const;

 private:
  enum class Mode { kCommand, kWatch, kConsole };
  struct Client {
    UniqueFd fd;
    Reactor::Id read_watch = 0;
    Reactor::Id write_watch = 0;
    std::string in;
    std::string out;
    Mode mode = Mode::kCommand;
    uint64_t console_sink = 0;
    bool close_after_flush = false;
  };

  ControlServer(Reactor& reactor, std::string path, UniqueFd listen_fd, ControlTargets targets);
  void OnAccept();
  void OnReadable(uint64_t id);
  // Returns false if the client was closed.
  bool HandleLines(uint64_t id);
  void Execute(uint64_t id, absl::string_view line);
  void Send(uint64_t id, std::string_view text);
  void Flush(uint64_t id);
  void CloseClient(uint64_t id);
  Client* Find(uint64_t id);
  void OnPinOutput(const char* kind, const HostPin& pin, bool level);

  // Command handlers append reply lines (without the final ok/error) to `out` and return the
  // terminating status.
  absl::Status CmdLeds(std::vector<std::string>& out);
  absl::Status CmdButtons(std::vector<std::string>& out);
  absl::Status CmdPress(absl::string_view arg, bool press);
  absl::Status CmdGpio(const std::vector<absl::string_view>& args, std::vector<std::string>& out);
  absl::Status CmdPs(bool verbose, std::vector<std::string>& out);
  absl::Status CmdInspect(absl::string_view app, std::vector<std::string>& out);

  Reactor& reactor_;
  std::string path_;
  UniqueFd listen_fd_;
  Reactor::Id accept_watch_ = 0;
  ControlTargets targets_;
  uint64_t next_client_ = 1;
  std::map<uint64_t, std::unique_ptr<Client>> clients_;
  LifetimeGuard guard_;
};

// The text of one process for `ps` (one line) and `ps -v` / `inspect` (that line followed by
// indented detail lines). Exposed for tests and for the process console to reuse.
std::string FormatProcessLine(const ProcessInfo& p);
std::vector<std::string> FormatProcessDetails(const ProcessInfo& p);

}  // namespace tockpp::hostkernel
