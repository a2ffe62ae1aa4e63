// Unix socket helpers: thin wrappers over socket/bind/listen/connect with errno in messages.
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

namespace tockpp::hostkernel {

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
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot bind ", path, ": ", std::strerror(errno)));
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

}  // namespace tockpp::hostkernel
