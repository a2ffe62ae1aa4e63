// Unix-domain stream socket helpers shared by the console listener, the control server and
// tockctl: parse "unix:PATH" addresses, listen, connect, set non-blocking, and Acceptor, the
// one accept path of every listening socket on tockd's loop. Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_SOCKET_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_SOCKET_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

// "unix:PATH" -> PATH. Rejects other schemes, an empty path and paths too long for sun_path.
absl::StatusOr<std::string> ParseUnixAddress(absl::string_view address);

// A non-blocking, close-on-exec listening socket at `path`, created with mode 0600 (only this
// user may connect). A stale socket file left by a dead tockd is replaced; any other existing
// file is an error.
absl::StatusOr<UniqueFd> ListenUnix(const std::string& path, int backlog = 16);

// A blocking, close-on-exec connection to `path`.
absl::StatusOr<UniqueFd> ConnectUnix(const std::string& path);

// Accepts one pending connection as a non-blocking, close-on-exec fd; invalid on EAGAIN.
UniqueFd AcceptNonBlocking(int listen_fd);

bool SetNonBlocking(int fd);

// Accepts connections on a listening socket through a Reactor without ever busy-looping it.
// The watch is level-triggered, so an accept that fails while a connection waits (EMFILE,
// ENFILE, ENOBUFS, ENOMEM, ...) would otherwise fire again at once, forever. On such an error
// the Acceptor stops watching the socket, logs one warning for the whole episode, and watches
// again after `backoff_ns` or as soon as the owner calls Resume() (after closing a connection,
// which frees a descriptor); connections wait in the kernel's backlog meanwhile. The episode
// ends (logged once, at info) when accept finds the backlog empty: Linux takes the descriptor
// before it looks at the backlog, so at the limit even an empty backlog fails with EMFILE and
// one connection let in by a freed descriptor does not end it. Errors that only concern
// the connection being accepted (ECONNABORTED, EPROTO, EINTR, ...) are skipped.
class Acceptor {
 public:
  using OnConnection = std::function<void(UniqueFd conn)>;
  // Test seam: accepts one connection from `listen_fd`, returns its fd or -1 with errno set.
  using AcceptFn = std::function<int(int listen_fd)>;
  static constexpr uint64_t kDefaultBackoffNs = 100'000'000;  // 100 ms
  // Connections taken per readiness callback, so one busy socket cannot hold the loop.
  static constexpr int kMaxAcceptsPerWakeup = 64;

  struct Stats {
    uint64_t accepted = 0;
    uint64_t failures = 0;  // accept calls that failed with a backing-off error
    uint64_t episodes = 0;  // runs of such failures (each logged once)
  };

  // `name` names the socket in logs, e.g. "control socket /tmp/t.sock". `on_connection` gets
  // every accepted connection (non-blocking, close-on-exec); it may call Stop() and Resume()
  // but must not destroy the Acceptor.
  Acceptor(Reactor& reactor, UniqueFd listen_fd, std::string name, OnConnection on_connection,
           uint64_t backoff_ns = kDefaultBackoffNs, AcceptFn accept_fn = nullptr);
  ~Acceptor();
  Acceptor(const Acceptor&) = delete;
  Acceptor& operator=(const Acceptor&) = delete;

  // While backing off: cancels the wait and watches the socket again now. Otherwise a no-op.
  void Resume();
  // Stops accepting for good (pending connections stay in the backlog until the fd closes).
  void Stop();

  bool backing_off() const { return backoff_timer_ != 0; }
  bool watching() const { return watch_ != 0; }
  const Stats& stats() const { return stats_; }
  int fd() const { return listen_fd_.get(); }

 private:
  void Watch();
  void OnReadable();
  void BackOff(int error);

  Reactor& reactor_;
  UniqueFd listen_fd_;
  std::string name_;
  OnConnection on_connection_;
  uint64_t backoff_ns_;
  AcceptFn accept_fn_;
  Reactor::Id watch_ = 0;
  Reactor::Id backoff_timer_ = 0;
  bool stopped_ = false;
  bool in_episode_ = false;
  uint64_t episode_failures_ = 0;
  Stats stats_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_UNIX_SOCKET_H_
