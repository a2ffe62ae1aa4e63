// GdbSession: gdb in batch mode on pipes; see gdb_session.h.
#include "tests/debug/gdb_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tock::debugtest {

absl::Status GdbSession::Start(const std::vector<std::string>& command,
                               const std::vector<std::string>& ex_commands, GdbSession* s) {
  std::vector<std::string> args = command;
  args.push_back("-batch");
  args.push_back("-nx");  // no ~/.gdbinit: the transcript depends on nothing local
  for (const std::string& ex : ex_commands) {
    args.push_back("-ex");
    args.push_back(ex);
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0) {
    return absl::ErrnoToStatus(errno, "pipe2");
  }
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::ErrnoToStatus(errno, "fork");
  }
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  s->pid_ = pid;
  s->in_ = in[1];
  s->out_ = out[0];
  return absl::OkStatus();
}

GdbSession::~GdbSession() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (in_ >= 0) {
    close(in_);
  }
  if (out_ >= 0) {
    close(out_);
  }
}

bool GdbSession::ReadSome(absl::Time deadline) {
  if (eof_) {
    return false;
  }
  const absl::Duration left = deadline - absl::Now();
  if (left <= absl::ZeroDuration()) {
    return false;
  }
  pollfd p{out_, POLLIN, 0};
  const int ms = static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(left) + 1, 60000));
  if (poll(&p, 1, ms) <= 0) {
    return errno == EINTR;
  }
  char buf[4096];
  const ssize_t n = read(out_, buf, sizeof(buf));
  if (n <= 0) {
    eof_ = n == 0 || errno != EINTR;
    return !eof_;
  }
  output_.append(buf, static_cast<size_t>(n));
  return true;
}

bool GdbSession::WaitForOutput(std::string_view text, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (output_.find(text) == std::string::npos) {
    if (!ReadSome(deadline)) {
      return output_.find(text) != std::string::npos;
    }
  }
  return true;
}

bool GdbSession::SendLine(std::string_view line) {
  std::string l(line);
  l += '\n';
  return write(in_, l.data(), l.size()) == static_cast<ssize_t>(l.size());
}

int GdbSession::WaitForExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (ReadSome(deadline)) {
  }
  if (!eof_) {
    return -1;
  }
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) {
    return -1;
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace tock::debugtest
