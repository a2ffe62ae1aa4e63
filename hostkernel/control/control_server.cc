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
#include "spdlog/spdlog.h"

namespace tockpp::hostkernel {

namespace {

constexpr const char* kHelp[] = {
    "leds                      LED states: led N on|off",
    "buttons                   button states: button N pressed|released",
    "press N | release N       press or release button N",
    "gpio                      all GPIO pins: gpio N high|low [output|input|off]",
    "gpio N                    read GPIO pin N",
    "gpio N high|low|float     drive (or stop driving) the input of GPIO pin N",
    "ps [-v]                   processes (-v: memory map, grants, upcalls, allows)",
    "inspect APP               one process in detail",
    "stop APP | start APP | restart APP",
    "debug APP                 debug APP with gdb: prints the command (docs/debugging.md)",
    "console                   attach to the console (raw bytes both ways after ok)",
    "watch                     stream events: led N on|off, gpio N high|low, button N ...",
    "help                      this list",
};

std::string Hex(uint32_t v) { return absl::StrFormat("0x%08x", v); }

absl::StatusOr<size_t> ParseIndex(absl::string_view arg, size_t count, absl::string_view what) {
  size_t n = 0;
  if (!absl::SimpleAtoi(arg, &n)) {
    return absl::InvalidArgumentError(absl::StrCat("'", arg, "' is not a ", what, " number"));
  }
  if (n >= count) {
    if (count == 0) {
      return absl::NotFoundError(absl::StrCat("no ", what, "s on this board"));
    }
    return absl::NotFoundError(absl::StrCat("no ", what, " ", n, " (have 0..", count - 1, ")"));
  }
  return n;
}

const char* PinMode(const HostPin& p) {
  if (p.output_enabled()) {
    return "output";
  }
  if (p.input_enabled()) {
    return "input";
  }
  return "off";
}

}  // namespace

std::string FormatProcessLine(const ProcessInfo& p) {
  return absl::StrCat("process id=", p.id, " name=", p.name, " state=", p.state,
                      " restarts=", p.restart_count, " syscalls=", p.syscall_count);
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
  if (!fd.ok()) {
    return fd.status();
  }
  return std::unique_ptr<ControlServer>(
      new ControlServer(reactor, path, std::move(*fd), targets, options));
}

ControlServer::ControlServer(Reactor& reactor, std::string path, UniqueFd listen_fd,
                             ControlTargets targets, ControlOptions options)
    : reactor_(reactor), path_(std::move(path)), targets_(targets), options_(options) {
  acceptor_ = std::make_unique<Acceptor>(
      reactor_, std::move(listen_fd), "control socket " + path_,
      [this](UniqueFd fd) { OnAccept(std::move(fd)); }, options_.accept_backoff_ns);
  // Pin listeners cannot be removed, so they hold a token and go quiet once we are gone.
  auto listen = [this](const char* kind) {
    return [this, kind, token = guard_.token()](const HostPin& pin, bool level) {
      if (!token.expired()) {
        OnPinOutput(kind, pin, level);
      }
    };
  };
  if (targets_.leds != nullptr) {
    targets_.leds->pins().AddOutputListener(listen("led"));
  }
  if (targets_.gpio != nullptr) {
    targets_.gpio->AddOutputListener(listen("gpio"));
  }
}

ControlServer::~ControlServer() {
  Shutdown();
  ::unlink(path_.c_str());
}

void ControlServer::Shutdown() {
  acceptor_->Stop();
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
  acceptor_->Resume();  // a descriptor is free: stop backing off, if we were
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
    size_t nl = c->in.find('\n');
    if (nl == std::string::npos) {
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
    std::string line = c->in.substr(0, nl);
    c->in.erase(0, nl + 1);
    c->last_command_ns = MonotonicNowNs();
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    Execute(id, line);
  }
}

absl::Status ControlServer::CmdDebug(absl::string_view app, std::vector<std::string>& out) {
  if (targets_.debug == nullptr) {
    return absl::UnavailableError("debugging not available");
  }
  return targets_.debug->Debug(app, out);
}

void ControlServer::Execute(uint64_t id, absl::string_view line) {
  std::vector<absl::string_view> args =
      absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (args.empty()) {
    return;  // blank lines are ignored
  }
  absl::string_view cmd = args[0];
  std::vector<std::string> out;
  absl::Status status;

  auto need_args = [&](size_t n, absl::string_view usage) {
    if (args.size() != n + 1) {
      status = absl::InvalidArgumentError(absl::StrCat("usage: ", usage));
      return false;
    }
    return true;
  };
  auto need_processes = [&] {
    if (targets_.processes == nullptr) {
      status = absl::UnavailableError("process control not available");
      return false;
    }
    return true;
  };

  if (cmd == "help") {
    for (const char* h : kHelp) {
      out.push_back(h);
    }
  } else if (cmd == "leds") {
    if (need_args(0, "leds")) {
      status = CmdLeds(out);
    }
  } else if (cmd == "buttons") {
    if (need_args(0, "buttons")) {
      status = CmdButtons(out);
    }
  } else if (cmd == "press" || cmd == "release") {
    if (need_args(1, absl::StrCat(cmd, " N"))) {
      status = CmdPress(args[1], cmd == "press");
    }
  } else if (cmd == "gpio") {
    if (args.size() > 3) {
      status = absl::InvalidArgumentError("usage: gpio [N [high|low|float]]");
    } else {
      status = CmdGpio(args, out);
    }
  } else if (cmd == "ps") {
    if (args.size() == 1) {
      status = CmdPs(false, out);
    } else if (args.size() == 2 && args[1] == "-v") {
      status = CmdPs(true, out);
    } else {
      status = absl::InvalidArgumentError("usage: ps [-v]");
    }
  } else if (cmd == "inspect") {
    if (need_args(1, "inspect APP")) {
      status = CmdInspect(args[1], out);
    }
  } else if (cmd == "stop" || cmd == "start" || cmd == "restart") {
    if (need_args(1, absl::StrCat(cmd, " APP")) && need_processes()) {
      ProcessIntrospection& p = *targets_.processes;
      status = cmd == "stop"    ? p.StopProcess(args[1])
               : cmd == "start" ? p.StartProcess(args[1])
                                : p.RestartProcess(args[1]);
    }
  } else if (cmd == "debug") {
    if (need_args(1, "debug APP")) {
      status = CmdDebug(args[1], out);
    }
  } else if (cmd == "console") {
    if (!need_args(0, "console")) {
    } else if (targets_.console == nullptr) {
      status = absl::UnavailableError("console not available");
    } else {
      Send(id, "ok\n");
      Client* c = Find(id);
      if (c == nullptr) {
        return;
      }
      c->mode = Mode::kConsole;
      CancelIdleTimer(*c);
      c->console_sink =
          targets_.console->AttachOutput([this, id](std::string_view bytes) { Send(id, bytes); });
      return;
    }
  } else if (cmd == "watch") {
    if (need_args(0, "watch")) {
      Client* c = Find(id);
      if (c != nullptr) {
        c->mode = Mode::kWatch;
        CancelIdleTimer(*c);
      }
      return;  // the stream's "ok" comes when it ends
    }
  } else {
    status = absl::InvalidArgumentError(absl::StrCat("unknown command '", cmd, "' (try help)"));
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

absl::Status ControlServer::CmdLeds(std::vector<std::string>& out) {
  if (targets_.leds == nullptr) {
    return absl::UnavailableError("no LEDs on this board");
  }
  for (size_t i = 0; i < targets_.leds->size(); ++i) {
    out.push_back(absl::StrCat("led ", i, targets_.leds->IsOn(i) ? " on" : " off"));
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdButtons(std::vector<std::string>& out) {
  if (targets_.buttons == nullptr) {
    return absl::UnavailableError("no buttons on this board");
  }
  for (size_t i = 0; i < targets_.buttons->size(); ++i) {
    out.push_back(
        absl::StrCat("button ", i, targets_.buttons->IsPressed(i) ? " pressed" : " released"));
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdPress(absl::string_view arg, bool press) {
  if (targets_.buttons == nullptr) {
    return absl::UnavailableError("no buttons on this board");
  }
  absl::StatusOr<size_t> n = ParseIndex(arg, targets_.buttons->size(), "button");
  if (!n.ok()) {
    return n.status();
  }
  bool was = targets_.buttons->IsPressed(*n);
  if (press) {
    targets_.buttons->Press(*n);
  } else {
    targets_.buttons->Release(*n);
  }
  if (was != press) {
    PublishEvent(absl::StrCat("button ", *n, press ? " pressed" : " released"));
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdGpio(const std::vector<absl::string_view>& args,
                                    std::vector<std::string>& out) {
  HostGpioBank* bank = targets_.gpio;
  if (bank == nullptr) {
    return absl::UnavailableError("no GPIO pins on this board");
  }
  if (args.size() == 1) {
    for (size_t i = 0; i < bank->size(); ++i) {
      const HostPin& p = bank->pin(i);
      out.push_back(absl::StrCat("gpio ", i, p.Read() ? " high " : " low ", PinMode(p)));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<size_t> n = ParseIndex(args[1], bank->size(), "gpio pin");
  if (!n.ok()) {
    return n.status();
  }
  HostPin& pin = bank->pin(*n);
  if (args.size() == 2) {
    out.push_back(absl::StrCat("gpio ", *n, pin.Read() ? " high" : " low"));
    return absl::OkStatus();
  }
  if (args[2] == "high" || args[2] == "1") {
    pin.Drive(true);
  } else if (args[2] == "low" || args[2] == "0") {
    pin.Drive(false);
  } else if (args[2] == "float") {
    pin.Undrive();
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("gpio level must be high, low or float, not '", args[2], "'"));
  }
  return absl::OkStatus();
}

absl::Status ControlServer::CmdPs(bool verbose, std::vector<std::string>& out) {
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

absl::Status ControlServer::CmdInspect(absl::string_view app, std::vector<std::string>& out) {
  if (targets_.processes == nullptr) {
    return absl::UnavailableError("process list not available");
  }
  std::optional<ProcessInfo> p = targets_.processes->FindProcess(app);
  if (!p) {
    return absl::NotFoundError(absl::StrCat("no process '", app, "'"));
  }
  out = FormatProcessDetails(*p);
  return absl::OkStatus();
}

void ControlServer::OnPinOutput(const char* kind, const HostPin& pin, bool level) {
  bool led = kind[0] == 'l';
  PublishEvent(absl::StrCat(kind, " ", pin.index(),
                            led ? (level ? " on" : " off") : (level ? " high" : " low")));
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

}  // namespace tockpp::hostkernel
