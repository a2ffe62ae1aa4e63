// ControlServer: tockd's control socket (`--control=unix:PATH`). Many non-blocking SOCK_STREAM
// clients speak the line protocol of README.md: commands in, reply lines out, each reply ended
// by "ok" or "error: <message>"; `watch` streams events, `console` turns the connection into a
// raw console pipe. Its commands are one CommandTable: the host peripherals' rows come from the
// PeripheralRegistry (whose events it streams to `watch`), the process commands delegate to
// ProcessIntrospection. Bounded: at most ControlOptions::max_clients connections
// (one more gets "error: too many clients" and is closed), a command-mode client that sends no
// command for idle_timeout_ns is closed, and accept failures back off (Acceptor). Host-only;
// loop thread only.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_CONTROL_SERVER_H_
#define TOCKPP_HOSTKERNEL_CONTROL_CONTROL_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hostkernel/control/command_table.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/debug_control.h"
#include "hostkernel/control/process_introspection.h"
#include "hostkernel/peripherals/host_clock.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

// What the server can see and drive; any member may be null (its commands then reply
// "error: ... not available").
struct ControlTargets {
  // The host peripherals' commands (rows of the table), state (`status`) and events (`watch`).
  // Must outlive the server. Null: no peripheral commands.
  PeripheralRegistry* peripherals = nullptr;
  ProcessIntrospection* processes = nullptr;
  ConsoleHook* console = nullptr;
  // `debug APP` (issue 21): gdb for one app; the command is refused when null.
  DebugControl* debug = nullptr;
  // When set, watch events carry " t=<ns>" in this clock.
  const HostClock* clock = nullptr;
};

// Limits of the control socket (tockd: --control-max-clients, --control-idle-timeout).
struct ControlOptions {
  // Connections open at once, whatever their mode; 0 = no limit.
  size_t max_clients = 16;
  // A client in command mode (not `watch`, not `console`) that completes no command line for
  // this long is sent "error: idle timeout" and closed; 0 = never.
  uint64_t idle_timeout_ns = 300'000'000'000u;  // 5 min
  // How long accepting pauses after accept() fails for want of descriptors or memory.
  uint64_t accept_backoff_ns = Acceptor::kDefaultBackoffNs;
};

class ControlServer {
 public:
  static constexpr size_t kMaxLineBytes = 4096;
  // A client that falls this far behind on output (e.g. a stuck `watch`) is disconnected.
  static constexpr size_t kMaxQueuedOutput = 1 << 20;

  // Listens on `path` (see ListenUnix: a stale socket file is replaced). Fails also when a
  // peripheral command's name is taken (AlreadyExists).
  static absl::StatusOr<std::unique_ptr<ControlServer>> Listen(Reactor& reactor,
                                                               const std::string& path,
                                                               ControlTargets targets,
                                                               ControlOptions options = {});
  // A server with no socket, whose commands run only through RunLine (tockd --replay feeds it
  // the recorded command lines).
  static absl::StatusOr<std::unique_ptr<ControlServer>> Offline(Reactor& reactor,
                                                                ControlTargets targets);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // The commands, `help` included (peripherals' rows first, then the server's own).
  const CommandTable& commands() const { return table_; }

  // With a gate set, each command line a client sends is handed to it with the closure that
  // runs it (and replies); the gate runs the closures in order when it chooses (tockd --record:
  // at the kernel's next quiet point). `replayable` is false for `console`, `watch` and
  // `debug`, which only change the connection or attach a debugger (the console bytes that
  // follow reach the console UART and its own gate).
  using CommandGate =
      std::function<void(absl::string_view line, bool replayable, std::function<void()> run)>;
  void SetCommandGate(CommandGate gate) { command_gate_ = std::move(gate); }
  // Runs one command line as a command-mode client would; the reply lines are dropped.
  absl::Status RunLine(absl::string_view line);

  // Sends `line` (no newline) to every `watch` client, e.g. "process blink faulted".
  void PublishEvent(std::string_view line);
  // Ends every stream (watchers get "ok"), closes all clients and stops accepting.
  void Shutdown();

  const std::string& path() const { return path_; }
  size_t client_count() const { return clients_.size(); }
  size_t watcher_count() const;
  size_t console_count() const;
  // Connections turned away at the client limit, and closed for idling.
  uint64_t rejected_count() const { return rejected_; }
  uint64_t idle_closed_count() const { return idle_closed_; }
  // Not for an Offline() server.
  const Acceptor& acceptor() const { return *acceptor_; }

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
    // Idle timeout: when the last command line completed, and the pending check.
    uint64_t last_command_ns = 0;
    Reactor::Id idle_timer = 0;
  };

  ControlServer(Reactor& reactor, std::string path, UniqueFd listen_fd, ControlTargets targets,
                ControlOptions options);
  // The table: the peripherals' rows, then the server's own (kBuiltins in the .cc).
  absl::Status BuildCommandTable();
  void OnAccept(UniqueFd fd);
  void ArmIdleTimer(uint64_t id, uint64_t deadline_ns);
  void OnIdleTimer(uint64_t id);
  void CancelIdleTimer(Client& c);
  void OnReadable(uint64_t id);
  // Returns false if the client was closed.
  bool HandleLines(uint64_t id);
  // Takes the next complete line out of `c.in`; false if there is none yet.
  static bool TakeLine(Client& c, std::string& line);
  void Execute(uint64_t id, absl::string_view line);
  // Runs a line now and replies, if the client is still there.
  void ExecuteNow(uint64_t id, absl::string_view line);
  void Send(uint64_t id, std::string_view text);
  void Flush(uint64_t id);
  void CloseClient(uint64_t id);
  Client* Find(uint64_t id);

  // The server's own rows. Each appends reply lines (without the final ok/error) to `out` and
  // returns the terminating status; `console` and `watch` turn the client into a stream, whose
  // replies are then their own.
  absl::Status CmdPs(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdInspect(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdStop(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdStart(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdRestart(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdDebug(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdStatus(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdConsole(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdWatch(uint64_t id, ControlArgs args, ReplyLines& out);
  absl::Status CmdHelp(uint64_t id, ControlArgs args, ReplyLines& out);
  // Process control, or "process control not available".
  absl::StatusOr<ProcessIntrospection*> Processes();

  Reactor& reactor_;
  std::string path_;
  ControlTargets targets_;
  ControlOptions options_;
  std::unique_ptr<Acceptor> acceptor_;
  uint64_t rejected_ = 0;
  uint64_t idle_closed_ = 0;
  bool at_limit_logged_ = false;
  uint64_t next_client_ = 1;
  std::map<uint64_t, std::unique_ptr<Client>> clients_;
  CommandTable table_;
  uint64_t events_subscription_ = 0;  // in targets_.peripherals
  CommandGate command_gate_;
};

// The text of one process for `ps` (one line) and `ps -v` / `inspect` (that line followed by
// indented detail lines). Exposed for tests and for the process console to reuse.
std::string FormatProcessLine(const ProcessInfo& p);
std::vector<std::string> FormatProcessDetails(const ProcessInfo& p);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_CONTROL_SERVER_H_
