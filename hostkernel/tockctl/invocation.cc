// ParseInvocation: flag handling and local validation of tockctl commands.
#include "hostkernel/tockctl/invocation.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hostkernel/peripherals/unix_socket.h"

namespace tockpp::hostkernel::tockctl {

const char kUsage[] =
    "usage: tockctl [--control=unix:PATH] COMMAND\n"
    "  (without --control, the address comes from $TOCKD_CONTROL)\n"
    "commands:\n"
    "  leds | buttons | press N | release N\n"
    "  gpio [N [high|low|float]]\n"
    "  ps [-v] | inspect APP | stop APP | start APP | restart APP\n"
    "  debug APP   (gdb for APP: prints the command to run)\n"
    "  console | watch | help\n";

namespace {

bool IsNumber(const std::string& s) {
  unsigned n;
  return absl::SimpleAtoi(s, &n);
}

absl::Status Usage(absl::string_view msg) { return absl::InvalidArgumentError(msg); }

absl::Status CheckCommand(const std::vector<std::string>& w) {
  const std::string& c = w[0];
  size_t argc = w.size() - 1;
  if (c == "leds" || c == "buttons" || c == "console" || c == "watch" || c == "help") {
    if (argc != 0) {
      return Usage(absl::StrCat("'", c, "' takes no arguments"));
    }
    return absl::OkStatus();
  }
  if (c == "press" || c == "release") {
    if (argc != 1 || !IsNumber(w[1])) {
      return Usage(absl::StrCat("usage: tockctl ", c, " N"));
    }
    return absl::OkStatus();
  }
  if (c == "gpio") {
    if (argc > 2 || (argc >= 1 && !IsNumber(w[1])) ||
        (argc == 2 && w[2] != "high" && w[2] != "low" && w[2] != "float")) {
      return Usage("usage: tockctl gpio [N [high|low|float]]");
    }
    return absl::OkStatus();
  }
  if (c == "ps") {
    if (argc > 1 || (argc == 1 && w[1] != "-v")) {
      return Usage("usage: tockctl ps [-v]");
    }
    return absl::OkStatus();
  }
  if (c == "inspect" || c == "stop" || c == "start" || c == "restart" || c == "debug") {
    if (argc != 1) {
      return Usage(absl::StrCat("usage: tockctl ", c, " APP"));
    }
    return absl::OkStatus();
  }
  return Usage(absl::StrCat("unknown command '", c, "' (try: tockctl help)"));
}

}  // namespace

absl::StatusOr<Invocation> ParseInvocation(const std::vector<std::string>& args,
                                           const char* env_control) {
  std::string address;
  std::vector<std::string> words;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (words.empty() && absl::StartsWith(a, "--control=")) {
      address = a.substr(10);
    } else if (words.empty() && a == "--control") {
      if (i + 1 == args.size()) {
        return Usage("--control needs a value (unix:PATH)");
      }
      address = args[++i];
    } else if (words.empty() && (a == "-h" || a == "--help")) {
      words.push_back("help");
    } else if (words.empty() && absl::StartsWith(a, "-")) {
      return Usage(absl::StrCat("unknown option '", a, "'"));
    } else {
      words.push_back(a);
    }
  }
  Invocation inv;
  if (words.empty()) {
    return Usage("no command given (try: tockctl help)");
  }
  absl::Status st = CheckCommand(words);
  if (!st.ok()) {
    return st;
  }
  // Without a socket, `help` is answered locally.
  if (words[0] == "help" && address.empty() && (env_control == nullptr || *env_control == 0)) {
    inv.mode = Mode::kHelp;
    return inv;
  }
  if (address.empty()) {
    if (env_control == nullptr || *env_control == '\0') {
      return Usage("no control socket: pass --control=unix:PATH or set TOCKD_CONTROL");
    }
    address = env_control;
  }
  absl::StatusOr<std::string> path = ParseUnixAddress(address);
  if (!path.ok()) {
    return path.status();
  }
  inv.socket_path = *path;
  inv.line = absl::StrJoin(words, " ");
  if (words[0] == "watch") {
    inv.mode = Mode::kWatch;
  }
  if (words[0] == "console") {
    inv.mode = Mode::kConsole;
  }
  return inv;
}

}  // namespace tockpp::hostkernel::tockctl
