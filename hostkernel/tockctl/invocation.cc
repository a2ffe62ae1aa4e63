// ParseInvocation: flag handling and local validation of tockctl commands.
#include "hostkernel/tockctl/invocation.h"

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hostkernel/daemon/command_line.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/status/status_macros.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, control, "", "tockd's control socket, unix:PATH (default: $TOCKD_CONTROL)");

namespace tock::hostkernel::tockctl {

const char kUsage[] =
    "tockctl: drive a running tockd through its control socket\n"
    "usage: tockctl [--control=unix:PATH] COMMAND [ARG...]\n"
    "  (without --control, the address comes from $TOCKD_CONTROL)\n"
    "commands (tockctl help: tockd's full list, with its peripherals' commands):\n"
    "  leds | buttons | press N | release N | gpio [N [high|low|float]] | status\n"
    "  ps [-v|--json] | inspect APP | stop APP | start APP | restart APP\n"
    "  debug APP   (gdb for APP: prints the command to run)\n"
    "  console | watch | help\n"
    "  any other command goes to tockd as it is (a peripheral may have added it)\n"
    "  tockctl --help | --helpfull | --version\n"
    "Errors are one line, \"tockctl: ...\"; exit 0 ok, 1 failed (no tockd, or tockd refused),\n"
    "2 usage error (also an unknown command or bad arguments, as tockd says).\n"
    "Protocol: hostkernel/control/README.md\n";

namespace {

absl::Status Usage(absl::string_view msg) { return absl::InvalidArgumentError(msg); }

// The mode and line for the command words (not empty).
void SetCommand(std::vector<std::string> words, Invocation& inv) {
  if (words.size() == 2 && words[0] == "ps" && words[1] == "--json") {
    inv.json = true;  // tockd answers plain `ps`; tockctl converts
    words.pop_back();
  }
  inv.line = absl::StrJoin(words, " ");
  if (words.size() == 1 && words[0] == "watch") {
    inv.mode = Mode::kWatch;
  } else if (words.size() == 1 && words[0] == "console") {
    inv.mode = Mode::kConsole;
  }
}

}  // namespace

absl::StatusOr<Invocation> ParseInvocation(const std::vector<std::string>& args,
                                           const char* env_control) {
  absl::SetFlag(&FLAGS_control, "");
  absl::StatusOr<CommandLine> command_line =
      ParseCommandLine(args, {.flags_end_at_first_positional = true});
  TOCKPP_RETURN_IF_ERROR(command_line.status());
  Invocation inv;
  switch (command_line->action) {
    case CommandLine::Action::kHelp:
      inv.mode = Mode::kHelp;
      return inv;
    case CommandLine::Action::kHelpFull:
      inv.mode = Mode::kHelpFull;
      return inv;
    case CommandLine::Action::kVersion:
      inv.mode = Mode::kVersion;
      return inv;
    case CommandLine::Action::kRun:
      break;
  }
  const std::vector<std::string>& words = command_line->positional;
  if (words.empty()) {
    return Usage("no command given (try: tockctl help)");
  }
  std::string address = absl::GetFlag(FLAGS_control);
  const bool have_env = env_control != nullptr && *env_control != '\0';
  // Without a socket, `help` is answered locally.
  if (words.size() == 1 && words[0] == "help" && address.empty() && !have_env) {
    inv.mode = Mode::kHelp;
    return inv;
  }
  if (address.empty()) {
    if (!have_env) {
      return Usage("no control socket: pass --control=unix:PATH or set TOCKD_CONTROL");
    }
    address = env_control;
  }
  absl::StatusOr<std::string> path = ParseUnixAddress(address);
  TOCKPP_RETURN_IF_ERROR(path.status());
  inv.socket_path = *path;
  SetCommand(words, inv);
  return inv;
}

bool IsUsageReply(std::string_view message) {
  return message.starts_with("usage: ") || message.starts_with("unknown command ");
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
    // tockd before issue 22 sent three fields; now short_id= and credential= follow.
    if ((fields.size() != 3 && fields.size() != 5) || !absl::ConsumePrefix(&fields[0], "state=") ||
        !absl::ConsumePrefix(&fields[1], "restarts=") ||
        !absl::ConsumePrefix(&fields[2], "syscalls=")) {
      return bad();
    }
    uint64_t restarts = 0, syscalls = 0;
    if (!absl::SimpleAtoi(fields[1], &restarts) || !absl::SimpleAtoi(fields[2], &syscalls)) {
      return bad();
    }
    nlohmann::ordered_json entry = {{"id", id},
                                    {"name", std::string{name}},
                                    {"state", std::string{fields[0]}},
                                    {"restarts", restarts},
                                    {"syscalls", syscalls}};
    if (fields.size() == 5) {
      uint32_t short_id = 0;
      if (!absl::ConsumePrefix(&fields[3], "short_id=") ||
          !absl::ConsumePrefix(&fields[4], "credential=") ||
          (fields[3] != "unique" &&
           !(absl::ConsumePrefix(&fields[3], "0x") && absl::SimpleHexAtoi(fields[3], &short_id)))) {
        return bad();
      }
      // ShortId as upstream's process info driver reports it: 0 for LocallyUnique.
      entry["short_id"] = short_id;
      entry["credential"] = std::string{fields[4]};
    }
    out.push_back(std::move(entry));
  }
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tock::hostkernel::tockctl
