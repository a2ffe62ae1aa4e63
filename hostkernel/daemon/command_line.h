// tockd's command line over Abseil's flag registry, parsed here rather than by
// absl::ParseCommandLine so that every outcome is tockd's: --help/-h and --version are answered
// by the caller (exit 0), an unknown flag, a bad value or a missing value is an error the caller
// prints as one "tockd: ..." line and exits 2 with (Abseil would exit 1 with its own text).
// Flags defined anywhere in the binary (ABSL_FLAG in any linked file) are accepted, as
// --name=value, --name value, --name / --noname for booleans; dashes and underscores in names
// are the same (--exit-when-done = --exit_when_done); "--" ends the flags. tockctl uses it too,
// with flags ending at the first positional word (its command). Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_COMMAND_LINE_H_
#define TOCKPP_HOSTKERNEL_DAEMON_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::hostkernel {

struct CommandLine {
  enum class Action { kRun, kHelp, kHelpFull, kVersion };
  Action action = Action::kRun;
  std::vector<std::string> positional;  // the apps, in order
};

struct CommandLineOptions {
  // Everything from the first positional word on is positional (tockctl: the command and its
  // arguments, which may start with '-'). Otherwise flags and positionals may mix (tockd).
  bool flags_end_at_first_positional = false;
};

// Sets every flag given; `args` excludes argv[0]. Errors (InvalidArgument) read like
// "unknown flag --frob", "--timeslice needs a value", "bad value 'x' for --seed: ...".
absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             CommandLineOptions options = {});

// Every flag of the binary but Abseil's own, sorted: "  --name=DEFAULT  help" lines.
std::string FullFlagHelp();

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_COMMAND_LINE_H_
