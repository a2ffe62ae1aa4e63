// ControlServer implementation: accept, line framing, command dispatch, output queues with
// write-readiness, and event fan-out to watchers.
#include "hostkernel/control/control_server.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/status/status_macros.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {

namespace {

std::string Hex(uint32_t v) { return absl::StrFormat("0x%08x", v); }

}  // namespace

std::string FormatProcessLine(const ProcessInfo& p) {
  return absl::StrCat("process id=", p.id, " name=", p.name, " state=", p.state,
                      " restarts=", p.restart_count, " syscalls=", p.syscall_count,
                      " short_id=", p.short_id != 0 ? Hex(p.short_id) : "unique",
                      " credential=", p.credential);
}

std::vector<std::string> FormatProcessDetails(const ProcessInfo& p) {
  std::vector<std::string> lines;
  lines.push_back(FormatProcessLine(p));
  lines.push_back(absl::StrCat("  memory flash=", Hex(p.flash_start), "+", Hex(p.flash_size),
                               " ram=", Hex(p.ram_start), "+", Hex(p.ram_size),
                               " break=", Hex(p.app_break), " grant=", Hex(p.grant_start), "+",
                               Hex(p.grant_size)));
  for (const GrantUsage& g : p.grants) {
    lines.push_back(absl::StrFormat("  grant driver=0x%05x bytes=%u", g.driver, g.bytes));
  }
  for (const PendingUpcall& u : p.pending_upcalls) {
    lines.push_back(absl::StrFormat("  upcall driver=0x%05x subscribe=%u args=0x%x,0x%x,0x%x",
                                    u.driver, u.subscribe_number, u.args[0], u.args[1], u.args[2]));
  }
  for (const AllowedBuffer& a : p.allowed_buffers) {
    lines.push_back(absl::StrFormat("  allow kind=%s driver=0x%05x number=%u address=%s length=%u",
                                    a.kind, a.driver, a.number, Hex(a.address), a.length));
  }
  return lines;
}

absl::StatusOr<std::unique_ptr<ControlServer>> ControlServer::Listen(Reactor& reactor,
                                                                     const std::string& path,
                                                                     ControlTargets targets,
                                                                     ControlOptions options) {
  absl::StatusOr<UniqueFd> fd = ListenUnix(path);
  TOCKPP_RETURN_IF_ERROR(fd.status());
  std::unique_ptr<ControlServer> server(
      new ControlServer(reactor, path, std::move(*fd), targets, options));
  if (absl::Status table = server->BuildCommandTable(); !table.ok()) {
    return table;
  }
  return server;
}

absl::StatusOr<std::unique_ptr<ControlServer>> ControlServer::Offline(Reactor& reactor,
                                                                      ControlTargets targets) {
  std::unique_ptr<ControlServer> server(
      new ControlServer(reactor, std::string(), UniqueFd(), targets, ControlOptions{}));
  if (absl::Status table = server->BuildCommandTable(); !table.ok()) {
    return table;
  }
  return server;
}

ControlServer::ControlServer(Reactor& reactor, std::string path, UniqueFd listen_fd,
                             ControlTargets targets, ControlOptions options)
    : reactor_(reactor), path_(std::move(path)), targets_(targets), options_(options) {
  if (listen_fd) {
    acceptor_ = std::make_unique<Acceptor>(
        reactor_, std::move(listen_fd), "control socket " + path_,
        [this](UniqueFd fd) { OnAccept(std::move(fd)); }, options_.accept_backoff_ns);
  }
  if (targets_.peripherals != nullptr) {
    events_subscription_ = targets_.peripherals->Subscribe(
        [this](std::string_view, std::string_view line) { PublishEvent(line); });
  }
}

absl::Status ControlServer::BuildCommandTable() {
  using Method = absl::Status (ControlServer::*)(uint64_t, ControlArgs, ReplyLines&);
  struct Builtin {
    const char* name;
    const char* usage;
    const char* help;
    size_t min_args;
    size_t max_args;
    Method handler;
  };
  static constexpr Builtin kBuiltins[] = {
      {"ps", "ps [-v]", "processes (-v: memory map, grants, upcalls, allows)", 0, 1,
       &ControlServer::CmdPs},
      {"inspect", "inspect APP", "one process in detail", 1, 1, &ControlServer::CmdInspect},
      {"stop", "stop APP", "stop APP where it is", 1, 1, &ControlServer::CmdStop},
      {"start", "start APP", "start (or resume) APP", 1, 1, &ControlServer::CmdStart},
      {"restart", "restart APP", "restart APP from its entry point", 1, 1,
       &ControlServer::CmdRestart},
      {"debug", "debug APP", "debug APP with gdb: prints the command (docs/debugging.md)", 1, 1,
       &ControlServer::CmdDebug},
      {"status", "status", "every peripheral's state", 0, 0, &ControlServer::CmdStatus},
      {"console", "console", "attach to the console (raw bytes both ways after ok)", 0, 0,
       &ControlServer::CmdConsole},
      {"watch", "watch", "stream events: led N on|off, button N ..., process NAME STATE", 0, 0,
       &ControlServer::CmdWatch},
      {"help", "help", "this list", 0, 0, &ControlServer::CmdHelp},
  };
  if (targets_.peripherals != nullptr) {
    if (absl::Status added = table_.AddPeripherals(*targets_.peripherals); !added.ok()) {
      return added;
    }
  }
  for (const Builtin& b : kBuiltins) {
    absl::Status added = table_.Add(
        {.name = b.name,
         .usage = b.usage,
         .help = b.help,
         .min_args = b.min_args,
         .max_args = b.max_args,
         .handler = [this, method = b.handler](uint64_t id, ControlArgs args, ReplyLines& out) {
           return (this->*method)(id, args, out);
         }});
    TOCKPP_RETURN_IF_ERROR(added);
  }
  return absl::OkStatus();
}

ControlServer::~ControlServer() {
  if (events_subscription_ != 0) {
    targets_.peripherals->Unsubscribe(events_subscription_);
  }
  Shutdown();
  if (!path_.empty()) {
    ::unlink(path_.c_str());
  }
}

void ControlServer::Shutdown() {
  if (acceptor_ != nullptr) {
    acceptor_->Stop();
  }
  std::vector<uint64_t> ids;
  for (const auto& [id, c] : clients_) {
    ids.push_back(id);
  }
  for (uint64_t id : ids) {
    Client* c = Find(id);
    if (c == nullptr) {
      continue;
    }
    if (c->mode == Mode::kWatch) {
      c->out += "ok\n";
    }
    // Best effort: one non-blocking flush, then close.
    c->close_after_flush = true;
    Flush(id);
    CloseClient(id);
  }
}

size_t ControlServer::watcher_count() const {
  size_t n = 0;
  for (const auto& [id, c] : clients_) {
    n += c->mode == Mode::kWatch;
  }
  return n;
}

size_t ControlServer::console_count() const {
  size_t n = 0;
  for (const auto& [id, c] : clients_) {
    n += c->mode == Mode::kConsole;
  }
  return n;
}

ControlServer::Client* ControlServer::Find(uint64_t id) {
  auto it = clients_.find(id);
  return it == clients_.end() ? nullptr : it->second.get();
}

void ControlServer::OnAccept(UniqueFd fd) {
  if (options_.max_clients != 0 && clients_.size() >= options_.max_clients) {
    // Best effort, never blocking: a fresh socket's buffer takes one line.
    static constexpr char kFull[] = "error: too many clients\n";
    (void)::send(fd.get(), kFull, sizeof kFull - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    ++rejected_;
    if (!at_limit_logged_) {
      at_limit_logged_ = true;
      spdlog::warn(
          "control socket {}: {} clients connected (--control-max-clients), turning "
          "new ones away",
          path_, clients_.size());
    }
    return;  // fd closes here
  }
  uint64_t id = next_client_++;
  auto c = std::make_unique<Client>();
  c->fd = std::move(fd);
  c->read_watch = reactor_.WatchReadable(c->fd.get(), [this, id] { OnReadable(id); });
  c->last_command_ns = MonotonicNowNs();
  clients_.emplace(id, std::move(c));
  if (options_.idle_timeout_ns != 0) {
    ArmIdleTimer(id, MonotonicNowNs() + options_.idle_timeout_ns);
  }
}

void ControlServer::ArmIdleTimer(uint64_t id, uint64_t deadline_ns) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  c->idle_timer = reactor_.RunAt(deadline_ns, [this, id] { OnIdleTimer(id); });
}

void ControlServer::CancelIdleTimer(Client& c) {
  if (c.idle_timer != 0) {
    reactor_.CancelTimer(c.idle_timer);
    c.idle_timer = 0;
  }
}

// One timer per client, not one per command: when it fires early (a command came since it was
// set) it is set again for the last command's deadline.
void ControlServer::OnIdleTimer(uint64_t id) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  c->idle_timer = 0;
  if (c->mode != Mode::kCommand) {
    return;  // streams (watch, console) never idle out
  }
  const uint64_t deadline = c->last_command_ns + options_.idle_timeout_ns;
  if (MonotonicNowNs() < deadline) {
    ArmIdleTimer(id, deadline);
    return;
  }
  ++idle_closed_;
  spdlog::debug("control socket {}: closing client {} after {} s without a command", path_, id,
                options_.idle_timeout_ns / 1'000'000'000u);
  // Best effort, like Shutdown: one non-blocking flush of the notice, then close. A client
  // already closing (after an error) whose output is stuck goes now too.
  if (!c->close_after_flush) {
    c->out += "error: idle timeout\n";
    c->close_after_flush = true;
    Flush(id);
  }
  CloseClient(id);
}

void ControlServer::CloseClient(uint64_t id) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  if (c->read_watch != 0) {
    reactor_.Unwatch(c->read_watch);
  }
  if (c->write_watch != 0) {
    reactor_.Unwatch(c->write_watch);
  }
  if (c->console_sink != 0 && targets_.console != nullptr) {
    targets_.console->DetachOutput(c->console_sink);
  }
  CancelIdleTimer(*c);
  clients_.erase(id);
  if (options_.max_clients == 0 || clients_.size() < options_.max_clients) {
    at_limit_logged_ = false;
  }
  if (acceptor_ != nullptr) {
    acceptor_->Resume();  // a descriptor is free: stop backing off, if we were
  }
}

void ControlServer::OnReadable(uint64_t id) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  char buf[4096];
  ssize_t n = ::recv(c->fd.get(), buf, sizeof buf, MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    return;
  }
  if (n <= 0) {
    CloseClient(id);
    return;
  }
  std::string_view data(buf, static_cast<size_t>(n));
  switch (c->mode) {
    case Mode::kCommand:
      c->in.append(data);
      HandleLines(id);
      return;
    case Mode::kWatch:
      return;  // input is ignored while watching; EOF still closes
    case Mode::kConsole:
      if (targets_.console != nullptr) {
        targets_.console->SendInput(data);
      }
      return;
  }
}

bool ControlServer::TakeLine(Client& c, std::string& line) {
  const size_t nl = c.in.find('\n');
  if (nl == std::string::npos) {
    return false;
  }
  line = c.in.substr(0, nl);
  c.in.erase(0, nl + 1);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return true;
}

bool ControlServer::HandleLines(uint64_t id) {
  for (;;) {
    Client* c = Find(id);
    if (c == nullptr || c->close_after_flush) {
      return false;
    }
    if (c->mode == Mode::kConsole) {
      // Bytes that followed `console` in the same packet are console input.
      if (!c->in.empty() && targets_.console != nullptr) {
        targets_.console->SendInput(c->in);
      }
      c->in.clear();
      return true;
    }
    if (c->mode == Mode::kWatch) {
      c->in.clear();
      return true;
    }
    std::string line;
    if (!TakeLine(*c, line)) {
      if (c->in.size() > kMaxLineBytes) {
        Send(id, "error: line too long\n");
        if (Client* again = Find(id)) {
          again->close_after_flush = true;
          Flush(id);
        }
        return false;
      }
      return true;
    }
    c->last_command_ns = MonotonicNowNs();
    Execute(id, line);
  }
}

void ControlServer::Execute(uint64_t id, absl::string_view line) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) {
    return;  // blank lines are ignored
  }
  if (command_gate_) {
    const bool replayable = words[0] != "console" && words[0] != "watch" && words[0] != "debug";
    command_gate_(line, replayable, [this, id, copy = std::string{line}] { ExecuteNow(id, copy); });
    return;
  }
  ExecuteNow(id, line);
}

void ControlServer::ExecuteNow(uint64_t id, absl::string_view line) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  ReplyLines out;
  const absl::Status status = table_.Run(id, words, out);
  const Client* c = Find(id);
  if (c == nullptr || c->mode != Mode::kCommand) {
    return;  // the command made the connection a stream, which answers for itself
  }
  std::string reply;
  for (const std::string& l : out) {
    absl::StrAppend(&reply, l, "\n");
  }
  if (status.ok()) {
    reply += "ok\n";
  } else {
    absl::StrAppend(&reply, "error: ", status.message(), "\n");
  }
  Send(id, reply);
}

absl::Status ControlServer::RunLine(absl::string_view line) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) {
    return absl::OkStatus();
  }
  if (words[0] == "console" || words[0] == "watch" || words[0] == "debug") {
    return absl::InvalidArgumentError(absl::StrCat("'", words[0], "' needs a connection"));
  }
  ReplyLines out;
  return table_.Run(/*client=*/0, words, out);
}

absl::StatusOr<ProcessIntrospection*> ControlServer::Processes() {
  if (targets_.processes == nullptr) {
    return absl::UnavailableError("process control not available");
  }
  return targets_.processes;
}

absl::Status ControlServer::CmdPs(uint64_t, ControlArgs args, ReplyLines& out) {
  const bool verbose = args.size() == 1;
  if (verbose && args[0] != "-v") {
    return UsageError("ps [-v]");
  }
  if (targets_.processes == nullptr) {
    return absl::UnavailableError("process list not available");
  }
  for (const ProcessInfo& p : targets_.processes->ListProcesses(verbose)) {
    if (verbose) {
      for (std::string& l : FormatProcessDetails(p)) {
        out.push_back(std::move(l));
      }
    } else {
      out.push_back(FormatProcessLine(p));
    }
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdInspect(uint64_t, ControlArgs args, ReplyLines& out) {
  if (targets_.processes == nullptr) {
    return absl::UnavailableError("process list not available");
  }
  std::optional<ProcessInfo> p = targets_.processes->FindProcess(args[0]);
  if (!p) {
    return absl::NotFoundError(absl::StrCat("no process '", args[0], "'"));
  }
  out = FormatProcessDetails(*p);
  return absl::OkStatus();
}

absl::Status ControlServer::CmdStop(uint64_t, ControlArgs args, ReplyLines&) {
  absl::StatusOr<ProcessIntrospection*> p = Processes();
  return p.ok() ? (*p)->StopProcess(args[0]) : p.status();
}

absl::Status ControlServer::CmdStart(uint64_t, ControlArgs args, ReplyLines&) {
  absl::StatusOr<ProcessIntrospection*> p = Processes();
  return p.ok() ? (*p)->StartProcess(args[0]) : p.status();
}

absl::Status ControlServer::CmdRestart(uint64_t, ControlArgs args, ReplyLines&) {
  absl::StatusOr<ProcessIntrospection*> p = Processes();
  return p.ok() ? (*p)->RestartProcess(args[0]) : p.status();
}

absl::Status ControlServer::CmdDebug(uint64_t, ControlArgs args, ReplyLines& out) {
  if (targets_.debug == nullptr) {
    return absl::UnavailableError("debugging not available");
  }
  return targets_.debug->Debug(args[0], out);
}

absl::Status ControlServer::CmdStatus(uint64_t, ControlArgs, ReplyLines& out) {
  if (targets_.peripherals != nullptr) {
    out = targets_.peripherals->State();
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdConsole(uint64_t id, ControlArgs, ReplyLines&) {
  if (targets_.console == nullptr) {
    return absl::UnavailableError("console not available");
  }
  Send(id, "ok\n");
  Client* c = Find(id);
  if (c == nullptr) {
    return absl::OkStatus();
  }
  c->mode = Mode::kConsole;
  CancelIdleTimer(*c);
  c->console_sink =
      targets_.console->AttachOutput([this, id](std::string_view bytes) { Send(id, bytes); });
  return absl::OkStatus();
}

absl::Status ControlServer::CmdWatch(uint64_t id, ControlArgs, ReplyLines&) {
  if (Client* c = Find(id); c != nullptr) {
    c->mode = Mode::kWatch;  // the stream's "ok" comes when it ends
    CancelIdleTimer(*c);
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdHelp(uint64_t, ControlArgs, ReplyLines& out) {
  out = table_.Help();
  return absl::OkStatus();
}

void ControlServer::PublishEvent(std::string_view line) {
  std::string text(line);
  if (targets_.clock != nullptr) {
    absl::StrAppend(&text, " t=", targets_.clock->NowNs());
  }
  text += "\n";
  std::vector<uint64_t> ids;
  for (const auto& [id, c] : clients_) {
    if (c->mode == Mode::kWatch) {
      ids.push_back(id);
    }
  }
  for (uint64_t id : ids) {
    Send(id, text);
  }
}

void ControlServer::Send(uint64_t id, std::string_view text) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  c->out.append(text);
  if (c->out.size() > kMaxQueuedOutput) {
    CloseClient(id);  // hopelessly behind
    return;
  }
  Flush(id);
}

void ControlServer::Flush(uint64_t id) {
  Client* c = Find(id);
  if (c == nullptr) {
    return;
  }
  while (!c->out.empty()) {
    ssize_t n = ::send(c->fd.get(), c->out.data(), c->out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      c->out.erase(0, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (c->write_watch == 0) {
        c->write_watch = reactor_.WatchWritable(c->fd.get(), [this, id] { Flush(id); });
      }
      return;
    }
    CloseClient(id);  // peer gone
    return;
  }
  if (c->write_watch != 0) {
    reactor_.Unwatch(c->write_watch);
    c->write_watch = 0;
  }
  if (c->close_after_flush) {
    CloseClient(id);
  }
}

}  // namespace tock::hostkernel
