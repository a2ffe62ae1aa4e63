// UnixConsole implementation.
#include "hostkernel/peripherals/unix_console.h"

#include <sys/socket.h>
#include <unistd.h>

#include "hostkernel/peripherals/unix_socket.h"

namespace tockpp::hostkernel {

absl::StatusOr<std::unique_ptr<UnixConsole>> UnixConsole::Listen(Reactor& reactor, HostUart& uart,
                                                                 const std::string& path) {
  absl::StatusOr<UniqueFd> fd = ListenUnix(path);
  if (!fd.ok()) {
    return fd.status();
  }
  return std::unique_ptr<UnixConsole>(new UnixConsole(reactor, uart, path, std::move(*fd)));
}

UnixConsole::UnixConsole(Reactor& reactor, HostUart& uart, std::string path, UniqueFd listen_fd)
    : reactor_(reactor), uart_(uart), path_(std::move(path)), listen_fd_(std::move(listen_fd)) {
  accept_watch_ = reactor_.WatchReadable(listen_fd_.get(), [this] { OnAccept(); });
  uart_.SetInputClosedCallback([this, token = guard_.token()] {
    if (!token.expired()) {
      OnClientClosed();
    }
  });
}

UnixConsole::~UnixConsole() {
  reactor_.Unwatch(accept_watch_);
  uart_.SetInputClosedCallback(nullptr);
  if (conn_) {
    uart_.Detach();
  }
  ::unlink(path_.c_str());
}

void UnixConsole::OnAccept() {
  UniqueFd fd = AcceptNonBlocking(listen_fd_.get());
  if (!fd) {
    return;
  }
  if (conn_) {
    static constexpr char kBusy[] = "tockd: console already attached\n";
    (void)::send(fd.get(), kBusy, sizeof kBusy - 1, MSG_NOSIGNAL);
    return;  // fd closes here
  }
  conn_ = std::move(fd);
  uart_.Attach(conn_.get(), conn_.get());
}

void UnixConsole::OnClientClosed() {
  uart_.Detach();
  conn_.Reset();
}

}  // namespace tockpp::hostkernel
