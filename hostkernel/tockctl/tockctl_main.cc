// tockctl: command-line client of tockd's control socket (protocol: hostkernel/control/README.md).
// Prints reply item lines to stdout (`ps --json`: one JSON array); "error: ..." becomes a
// one-line message on stderr and exit status 1 (2 when tockd calls it a usage error: an
// unknown command or "usage: ..."); a usage error of tockctl's own exits 2. `watch` streams events;
// `console` pipes stdin/stdout to the kernel console.
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "hostkernel/daemon/command_line.h"
#include "hostkernel/daemon/version.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/tockctl/invocation.h"

namespace tock::hostkernel::tockctl {
namespace {

// Exit statuses: a failure at run time (no tockd, tockd refused, I/O) and a usage error.
constexpr int kFailed = 1;
constexpr int kUsageError = 2;

int Fail(const std::string& msg, int status = kFailed) {
  std::fprintf(stderr, "tockctl: %s\n", msg.c_str());
  return status;
}

bool WriteAll(int fd, const char* data, size_t len);

int PrintJson(const std::vector<std::string>& items) {
  absl::StatusOr<std::string> json = PsLinesToJson(items);
  if (!json.ok()) {
    return Fail(std::string{json.status().message()});
  }
  *json += '\n';
  return WriteAll(STDOUT_FILENO, json->data(), json->size()) ? 0 : kFailed;
}

bool WriteAll(int fd, const char* data, size_t len) {
  while (len > 0) {
    ssize_t n =
        (fd == STDOUT_FILENO) ? ::write(fd, data, len) : ::send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

// Reads reply lines until the terminator. Item lines are printed (flushed per line so `watch`
// is live), or with `json` collected and printed as one JSON array at the end. Returns the exit
// status.
int ReadReply(int fd, std::string& pending, bool json) {
  std::vector<std::string> items;
  char buf[4096];
  for (;;) {
    size_t nl;
    while ((nl = pending.find('\n')) != std::string::npos) {
      std::string line = pending.substr(0, nl);
      pending.erase(0, nl + 1);
      if (line == "ok") {
        return json ? PrintJson(items) : 0;
      }
      if (line.rfind("error: ", 0) == 0) {
        const std::string message = line.substr(7);
        return Fail(message, IsUsageReply(message) ? kUsageError : kFailed);
      }
      if (json) {
        items.push_back(std::move(line));
        continue;
      }
      line += '\n';
      if (!WriteAll(STDOUT_FILENO, line.data(), line.size())) {
        return 1;
      }
    }
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return Fail(std::string("reading the reply: ") + std::strerror(errno));
    }
    if (n == 0) {
      return Fail("connection closed by tockd before the reply ended");
    }
    pending.append(buf, static_cast<size_t>(n));
  }
}

// After "ok", everything from tockd is console output and stdin is console input.
int RunConsole(int fd) {
  char buf[4096];
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {fd, POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      return Fail(std::string("poll: ") + std::strerror(errno));
    }
    if (fds[1].revents != 0) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        return 0;  // tockd went away: the console ended
      }
      if (!WriteAll(STDOUT_FILENO, buf, static_cast<size_t>(n))) {
        return 1;
      }
    }
    if (fds[0].revents != 0) {
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return 0;  // end of input (Ctrl-D) detaches
      }
      if (!WriteAll(fd, buf, static_cast<size_t>(n))) {
        return Fail("connection closed by tockd");
      }
    }
  }
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<Invocation> inv = ParseInvocation(args, std::getenv("TOCKD_CONTROL"));
  if (!inv.ok()) {
    const std::string msg(inv.status().message());
    return Fail(msg, kUsageError);
  }
  if (inv->mode == Mode::kHelp || inv->mode == Mode::kHelpFull) {
    std::fputs(kUsage, stdout);
    if (inv->mode == Mode::kHelpFull) {
      std::printf("\nEvery flag (default, then what it does):\n%s", FullFlagHelp().c_str());
    }
    return 0;
  }
  if (inv->mode == Mode::kVersion) {
    std::printf("%s\n", VersionLine("tockctl").c_str());
    return 0;
  }
  absl::StatusOr<UniqueFd> fd = ConnectUnix(inv->socket_path);
  if (!fd.ok()) {
    const std::string msg(fd.status().message());
    return Fail(msg + " (is tockd running with --control?)");
  }
  std::string line = inv->line + "\n";
  if (!WriteAll(fd->get(), line.data(), line.size())) {
    return Fail(std::string("sending the command: ") + std::strerror(errno));
  }
  if (inv->mode == Mode::kConsole) {
    // The reply to `console` is a bare "ok" (or an error) before the raw stream.
    char c;
    std::string first;
    while (first.empty() || first.back() != '\n') {
      ssize_t n = ::recv(fd->get(), &c, 1, 0);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n <= 0) {
        return Fail("connection closed by tockd before the reply ended");
      }
      first.push_back(c);
    }
    if (first != "ok\n") {
      first.pop_back();
      const std::string message = first.rfind("error: ", 0) == 0 ? first.substr(7) : first;
      return Fail(message, IsUsageReply(message) ? kUsageError : kFailed);
    }
    return RunConsole(fd->get());
  }
  std::string pending;
  return ReadReply(fd->get(), pending, inv->json);
}

}  // namespace
}  // namespace tock::hostkernel::tockctl

int main(int argc, char** argv) { return tock::hostkernel::tockctl::Main(argc, argv); }
