// UnixConsole implementation.
#include "hostkernel/peripherals/unix_console.h"

#include <sys/socket.h>
#include <unistd.h>

#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {

absl::StatusOr<std::unique_ptr<UnixConsole>> UnixConsole::Listen(Reactor& reactor, HostUart& uart,
                                                                 const std::string& path,
                                                                 uint64_t accept_backoff_ns) {
  absl::StatusOr<UniqueFd> fd = ListenUnix(path);
  TOCKPP_RETURN_IF_ERROR(fd.status());
  return std::unique_ptr<UnixConsole>(
      new UnixConsole(reactor, uart, path, std::move(*fd), accept_backoff_ns));
}

UnixConsole::UnixConsole(Reactor& reactor, HostUart& uart, std::string path, UniqueFd listen_fd,
                         uint64_t accept_backoff_ns)
    : uart_(uart),
      path_(std::move(path)),
      acceptor_(
          reactor, std::move(listen_fd), "console socket " + path_,
          [this](UniqueFd fd) { OnAccept(std::move(fd)); }, accept_backoff_ns) {
  tap_ = uart_.AddOutputTap([this](std::string_view bytes) { KeepWhileDetached(bytes); });
  uart_.SetInputClosedCallback([this, token = guard_.token()] {
    if (!token.expired()) {
      OnClientClosed();
    }
  });
}

UnixConsole::~UnixConsole() {
  acceptor_.Stop();
  uart_.RemoveOutputTap(tap_);
  uart_.SetInputClosedCallback(nullptr);
  if (conn_) {
    uart_.Detach();
  }
  ::unlink(path_.c_str());
}

void UnixConsole::OnAccept(UniqueFd fd) {
  if (conn_) {
    static constexpr char kBusy[] = "tockd: console already attached\n";
    (void)::send(fd.get(), kBusy, sizeof kBusy - 1, MSG_NOSIGNAL);
    return;  // fd closes here
  }
  conn_ = std::move(fd);
  // The backlog goes first; a fresh socket's buffer holds it, and a client that cannot take
  // it at once loses what did not fit (it is a console, not a log).
  if (!backlog_.empty()) {
    (void)::send(conn_.get(), backlog_.data(), backlog_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    backlog_.clear();
  }
  uart_.Attach(conn_.get(), conn_.get());
}

void UnixConsole::KeepWhileDetached(std::string_view bytes) {
  if (conn_) {
    return;
  }
  if (bytes.size() >= kBacklogBytes) {
    backlog_.assign(bytes.substr(bytes.size() - kBacklogBytes));
    return;
  }
  const size_t keep = kBacklogBytes - bytes.size();
  if (backlog_.size() > keep) {
    backlog_.erase(0, backlog_.size() - keep);
  }
  backlog_.append(bytes);
}

void UnixConsole::OnClientClosed() {
  uart_.Detach();
  conn_.Reset();
  acceptor_.Resume();  // a descriptor is free again
}

}  // namespace tock::hostkernel
