// Unix socket helpers: thin wrappers over socket/bind/listen/connect with errno in messages,
// and the Acceptor with its back-off.
#include "hostkernel/peripherals/unix_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {

namespace {
bool FillAddress(const std::string& path, sockaddr_un& addr) {
  std::memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) {
    return false;
  }
  std::memcpy(addr.sun_path, path.data(), path.size());
  return true;
}
}  // namespace

absl::StatusOr<std::string> ParseUnixAddress(absl::string_view address) {
  constexpr absl::string_view kPrefix = "unix:";
  if (!absl::StartsWith(address, kPrefix)) {
    return absl::InvalidArgumentError(
        absl::StrCat("address '", address, "' must look like unix:PATH"));
  }
  std::string path(address.substr(kPrefix.size()));
  sockaddr_un addr;
  if (!FillAddress(path, addr)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "socket path '", path, "' is empty or longer than ", sizeof addr.sun_path - 1, " bytes"));
  }
  return path;
}

bool SetNonBlocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

absl::StatusOr<UniqueFd> ListenUnix(const std::string& path, int backlog) {
  sockaddr_un addr;
  if (!FillAddress(path, addr)) {
    return absl::InvalidArgumentError("bad socket path");
  }
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      return absl::AlreadyExistsError(absl::StrCat(path, " exists and is not a socket"));
    }
    // A live server would accept; only a stale socket file is removed.
    UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (probe && ::connect(probe.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      return absl::AlreadyExistsError(absl::StrCat(path, " is in use by a running server"));
    }
    ::unlink(path.c_str());
  }
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) {
    return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  }
  // Only tockd's own user may connect: the socket file is created 0600 whatever the umask
  // (tockd is single-threaded, so changing the umask around bind affects nothing else).
  const mode_t old_umask = ::umask(0177);
  const int bound = ::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const int bind_errno = errno;
  ::umask(old_umask);
  if (bound != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot bind ", path, ": ", std::strerror(bind_errno)));
  }
  if (::listen(fd.get(), backlog) != 0) {
    return absl::InternalError(absl::StrCat("listen ", path, ": ", std::strerror(errno)));
  }
  return fd;
}

absl::StatusOr<UniqueFd> ConnectUnix(const std::string& path) {
  sockaddr_un addr;
  if (!FillAddress(path, addr)) {
    return absl::InvalidArgumentError("bad socket path");
  }
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) {
    return absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
  }
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot connect to unix:", path, ": ", std::strerror(errno)));
  }
  return fd;
}

UniqueFd AcceptNonBlocking(int listen_fd) {
  return UniqueFd(::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
}

namespace {
// accept(2): these concern only the connection being accepted (it is gone or broken); the
// next one may well succeed, so they are skipped rather than backed off from.
bool ConnectionOnlyError(int error) {
  switch (error) {
    case EINTR:
    case ECONNABORTED:
    case EPROTO:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
      return true;
    default:
      return false;
  }
}

// Why an accept failed, in words, for the one warning of an episode.
std::string Reason(int error) {
  switch (error) {
    case EMFILE:
      return "tockd has no file descriptor left (EMFILE, see ulimit -n)";
    case ENFILE:
      return "the system has no file descriptor left (ENFILE)";
    case ENOBUFS:
    case ENOMEM:
      return absl::StrCat("the system is out of socket memory (", std::strerror(error), ")");
    default:
      return absl::StrCat("accept failed: ", std::strerror(error));
  }
}
}  // namespace

Acceptor::Acceptor(Reactor& reactor, UniqueFd listen_fd, std::string name,
                   OnConnection on_connection, uint64_t backoff_ns, AcceptFn accept_fn)
    : reactor_(reactor),
      listen_fd_(std::move(listen_fd)),
      name_(std::move(name)),
      on_connection_(std::move(on_connection)),
      backoff_ns_(backoff_ns),
      accept_fn_(std::move(accept_fn)) {
  Watch();
}

Acceptor::~Acceptor() { Stop(); }

void Acceptor::Watch() {
  if (stopped_ || watch_ != 0) {
    return;
  }
  watch_ = reactor_.WatchReadable(listen_fd_.get(), [this] { OnReadable(); });
}

void Acceptor::Stop() {
  stopped_ = true;
  if (watch_ != 0) {
    reactor_.Unwatch(watch_);
    watch_ = 0;
  }
  if (backoff_timer_ != 0) {
    reactor_.CancelTimer(backoff_timer_);
    backoff_timer_ = 0;
  }
}

void Acceptor::Resume() {
  if (backoff_timer_ == 0) {
    return;
  }
  reactor_.CancelTimer(backoff_timer_);
  backoff_timer_ = 0;
  Watch();
}

void Acceptor::OnReadable() {
  for (int i = 0; i < kMaxAcceptsPerWakeup && watch_ != 0; ++i) {
    const int fd =
        accept_fn_ ? accept_fn_(listen_fd_.get())
                   : ::accept4(listen_fd_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == EAGAIN || error == EWOULDBLOCK) {
        // The backlog is empty and accept still had a descriptor to give: healthy again.
        if (in_episode_) {
          in_episode_ = false;
          spdlog::info("{}: accepting connections again ({} accepts had failed)", name_,
                       episode_failures_);
        }
        return;
      }
      if (ConnectionOnlyError(error)) {
        continue;
      }
      BackOff(error);
      return;
    }
    ++stats_.accepted;
    on_connection_(UniqueFd(fd));
  }
}

void Acceptor::BackOff(int error) {
  ++stats_.failures;
  ++episode_failures_;
  if (!in_episode_) {
    in_episode_ = true;
    episode_failures_ = 1;
    ++stats_.episodes;
    spdlog::warn(
        "{}: cannot accept a connection: {}; not accepting for {} ms at a time until a "
        "connection closes or a retry works",
        name_, Reason(error), backoff_ns_ / 1'000'000);
  }
  reactor_.Unwatch(watch_);
  watch_ = 0;
  backoff_timer_ = reactor_.RunAt(MonotonicNowNs() + backoff_ns_, [this] {
    backoff_timer_ = 0;
    Watch();
  });
}

}  // namespace tock::hostkernel
