// ParseInvocation: flag handling and local validation of tockctl commands.
#include "hostkernel/tockctl/invocation.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "nlohmann/json.hpp"

namespace tockpp::hostkernel::tockctl {

const char kUsage[] =
    "tockctl: drive a running tockd through its control socket\n"
    "usage: tockctl [--control=unix:PATH] COMMAND\n"
    "  (without --control, the address comes from $TOCKD_CONTROL)\n"
    "commands:\n"
    "  leds | buttons | press N | release N\n"
    "  gpio [N [high|low|float]]\n"
    "  ps [-v|--json] | inspect APP | stop APP | start APP | restart APP\n"
    "  debug APP   (gdb for APP: prints the command to run)\n"
    "  console | watch | help (tockd's own list)\n"
    "  tockctl --help | --version\n"
    "Errors are one line, \"tockctl: ...\"; exit 0 ok, 1 failed (no tockd, or tockd refused),\n"
    "2 usage error. Protocol: hostkernel/control/README.md\n";

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
    if (argc > 1 || (argc == 1 && w[1] != "-v" && w[1] != "--json")) {
      return Usage("usage: tockctl ps [-v|--json]");
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
      Invocation help;
      help.mode = Mode::kHelp;
      return help;
    } else if (words.empty() && a == "--version") {
      Invocation version;
      version.mode = Mode::kVersion;
      return version;
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
  if (words[0] == "ps" && words.size() == 2 && words[1] == "--json") {
    inv.json = true;  // tockd answers plain `ps`; tockctl converts
    words.pop_back();
  }
  inv.line = absl::StrJoin(words, " ");
  if (words[0] == "watch") {
    inv.mode = Mode::kWatch;
  }
  if (words[0] == "console") {
    inv.mode = Mode::kConsole;
  }
  return inv;
}

absl::StatusOr<std::string> PsLinesToJson(const std::vector<std::string>& lines) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const std::string& line : lines) {
    auto bad = [&line] {
      return absl::DataLossError(absl::StrCat("unexpected ps line from tockd: '", line, "'"));
    };
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "process id=")) {
      return bad();
    }
    const size_t name_at = rest.find(" name=");
    // The name may hold spaces: the fixed fields after it are found from the right.
    const size_t state_at = rest.rfind(" state=");
    if (name_at == absl::string_view::npos || state_at == absl::string_view::npos ||
        state_at < name_at + 6) {
      return bad();
    }
    unsigned id = 0;
    if (!absl::SimpleAtoi(rest.substr(0, name_at), &id)) {
      return bad();
    }
    const absl::string_view name = rest.substr(name_at + 6, state_at - name_at - 6);
    std::vector<absl::string_view> fields = absl::StrSplit(rest.substr(state_at + 1), ' ');
    if (fields.size() != 3 || !absl::ConsumePrefix(&fields[0], "state=") ||
        !absl::ConsumePrefix(&fields[1], "restarts=") ||
        !absl::ConsumePrefix(&fields[2], "syscalls=")) {
      return bad();
    }
    uint64_t restarts = 0, syscalls = 0;
    if (!absl::SimpleAtoi(fields[1], &restarts) || !absl::SimpleAtoi(fields[2], &syscalls)) {
      return bad();
    }
    out.push_back({{"id", id},
                   {"name", std::string(name)},
                   {"state", std::string(fields[0])},
                   {"restarts", restarts},
                   {"syscalls", syscalls}});
  }
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tockpp::hostkernel::tockctl
