// Line-protocol client for tockd's control socket.
#include "tests/harness/control_client.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"

namespace tock::harness {

absl::StatusOr<ControlClient> ControlClient::Connect(const std::string& socket_path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) {
    return absl::InvalidArgumentError("control socket path too long: " + socket_path);
  }
  memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) {
    return absl::InternalError(absl::StrCat("socket: ", strerror(errno)));
  }
  if (connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    return absl::UnavailableError(absl::StrCat("connect ", socket_path, ": ", strerror(errno)));
  }
  return ControlClient(std::move(fd));
}

absl::Status ControlClient::SendLine(std::string_view command) {
  return SendRaw(std::string(command) + "\n");
}

absl::Status ControlClient::SendRaw(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = send(fd_.get(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return absl::UnavailableError(absl::StrCat("control send: ", strerror(errno)));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ControlClient::ReadLine(absl::Time deadline) {
  for (;;) {
    size_t nl = pending_.find('\n');
    if (nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') {
        line.pop_back();
      }
      return line;
    }
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError("control socket: no reply in time");
    }
    pollfd p{fd_.get(), POLLIN, 0};
    int timeout_ms = static_cast<int>(absl::ToInt64Milliseconds(left)) + 1;
    int ready = poll(&p, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      continue;  // re-checks the deadline
    }
    char buf[4096];
    ssize_t n = read(fd_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return absl::UnavailableError("control socket closed by tockd");
    }
    pending_.append(buf, static_cast<size_t>(n));
  }
}

absl::StatusOr<absl::StatusOr<std::vector<std::string>>> ControlClient::ReadReply(
    std::string_view command, absl::Time deadline) {
  std::vector<std::string> items;
  for (;;) {
    absl::StatusOr<std::string> line = ReadLine(deadline);
    TOCKPP_RETURN_IF_ERROR(line.status());
    if (*line == "ok") {
      return absl::StatusOr<std::vector<std::string>>(std::move(items));
    }
    if (line->rfind("error: ", 0) == 0) {
      return absl::StatusOr<std::vector<std::string>>(absl::FailedPreconditionError(
          absl::StrCat("'", absl::string_view(command.data(), command.size()),
                       "': ", absl::string_view(*line).substr(7))));
    }
    items.push_back(*std::move(line));
  }
}

absl::StatusOr<std::vector<std::string>> ControlClient::Request(std::string_view command,
                                                                absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  if (absl::Status s = SendLine(command); !s.ok()) {
    return s;
  }
  absl::StatusOr<absl::StatusOr<std::vector<std::string>>> reply = ReadReply(command, deadline);
  TOCKPP_RETURN_IF_ERROR(reply.status());
  return *std::move(reply);
}

absl::StatusOr<std::vector<absl::StatusOr<std::vector<std::string>>>> ControlClient::Pipeline(
    const std::vector<std::string>& commands, absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  std::string bytes;
  for (const std::string& command : commands) {
    absl::StrAppend(&bytes, command, "\n");
  }
  if (absl::Status s = SendRaw(bytes); !s.ok()) {
    return s;
  }
  std::vector<absl::StatusOr<std::vector<std::string>>> replies;
  for (const std::string& command : commands) {
    absl::StatusOr<absl::StatusOr<std::vector<std::string>>> reply = ReadReply(command, deadline);
    if (!reply.ok()) {
      return absl::Status(reply.status().code(),
                          absl::StrCat(reply.status().message(), " (after ", replies.size(), " of ",
                                       commands.size(), " replies)"));
    }
    replies.push_back(*std::move(reply));
  }
  return replies;
}

absl::Status ControlClient::Press(int button) {
  return Request(absl::StrCat("press ", button)).status();
}

absl::Status ControlClient::Release(int button) {
  return Request(absl::StrCat("release ", button)).status();
}

absl::StatusOr<std::vector<bool>> ControlClient::Leds() {
  absl::StatusOr<std::vector<std::string>> lines = Request("leds");
  TOCKPP_RETURN_IF_ERROR(lines.status());
  std::vector<bool> leds;
  for (const std::string& line : *lines) {
    // "led N on|off"
    size_t space = line.find(' ', 4);
    int index = 0;
    if (line.rfind("led ", 0) != 0 || space == std::string::npos ||
        !absl::SimpleAtoi(absl::string_view(line).substr(4, space - 4), &index) || index < 0) {
      return absl::InternalError("unexpected leds line: " + line);
    }
    if (leds.size() <= static_cast<size_t>(index)) {
      leds.resize(static_cast<size_t>(index) + 1);
    }
    leds[static_cast<size_t>(index)] = line.substr(space + 1) == "on";
  }
  return leds;
}

absl::Status ControlClient::SetGpioInput(int pin, std::string_view level) {
  return Request(absl::StrCat("gpio ", pin, " ", absl::string_view(level.data(), level.size())))
      .status();
}

absl::StatusOr<std::vector<ProcessInfo>> ControlClient::Processes(bool verbose) {
  absl::StatusOr<std::vector<std::string>> lines = Request(verbose ? "ps -v" : "ps");
  TOCKPP_RETURN_IF_ERROR(lines.status());
  return ParseProcessInfo(*lines);
}

absl::StatusOr<ProcessInfo> ControlClient::Inspect(std::string_view app) {
  absl::StatusOr<std::vector<std::string>> lines =
      Request(absl::StrCat("inspect ", absl::string_view(app.data(), app.size())));
  TOCKPP_RETURN_IF_ERROR(lines.status());
  absl::StatusOr<std::vector<ProcessInfo>> info = ParseProcessInfo(*lines);
  TOCKPP_RETURN_IF_ERROR(info.status());
  if (info->size() != 1) {
    return absl::InternalError(absl::StrCat("inspect gave ", info->size(), " processes"));
  }
  return std::move(info->front());
}

}  // namespace tock::harness
