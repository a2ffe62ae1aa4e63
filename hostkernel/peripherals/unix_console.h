// UnixConsole: `--console=unix:PATH`. Listens on PATH and attaches one accepted connection at
// a time to a HostUart (input and output); a second client is told the console is busy and
// closed. When the client disconnects the UART is unplugged until the next one. Output made
// while no client is attached is kept (the newest kBacklogBytes) and sent to the next client
// first, so boot messages are not lost to a console attached late. Accepts go through Acceptor
// (unix_socket.h): out of descriptors, it backs off instead of spinning. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_CONSOLE_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_CONSOLE_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "hostkernel/peripherals/host_uart.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

class UnixConsole {
 public:
  static absl::StatusOr<std::unique_ptr<UnixConsole>> Listen(
      Reactor& reactor, HostUart& uart, const std::string& path,
      uint64_t accept_backoff_ns = Acceptor::kDefaultBackoffNs);
  ~UnixConsole();

  static constexpr size_t kBacklogBytes = size_t{16} * 1024;

  bool connected() const { return conn_.valid(); }
  size_t backlog_size() const { return backlog_.size(); }
  const std::string& path() const { return path_; }
  const Acceptor& acceptor() const { return acceptor_; }

 private:
  UnixConsole(Reactor& reactor, HostUart& uart, std::string path, UniqueFd listen_fd,
              uint64_t accept_backoff_ns);
  void OnAccept(UniqueFd fd);
  void OnClientClosed();
  void KeepWhileDetached(std::string_view bytes);

  HostUart& uart_;
  std::string path_;
  UniqueFd conn_;
  Acceptor acceptor_;
  uint64_t tap_ = 0;
  std::string backlog_;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_CONSOLE_H_
