// tockctl's command line: which socket (--control=unix:PATH, else $TOCKD_CONTROL; parsed with
// Abseil flags like tockd's) and the command words, which go to tockd as one control line.
// tockctl knows only the commands it treats specially (watch, console, ps --json, help without
// a socket); every other word is tockd's to accept or refuse, so a command a peripheral
// registers (e.g. `tockctl temperature set 21.5`) needs no change here. Host-only.
#ifndef TOCKPP_HOSTKERNEL_TOCKCTL_INVOCATION_H_
#define TOCKPP_HOSTKERNEL_TOCKCTL_INVOCATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::hostkernel::tockctl {

enum class Mode {
  kRequest,   // one command, reply lines until ok / error
  kWatch,     // stream event lines
  kConsole,   // raw console pipe after ok
  kHelp,      // print usage, no connection
  kHelpFull,  // usage and every flag, no connection
  kVersion,   // print the version line, no connection
};

struct Invocation {
  std::string socket_path;
  std::string line;  // the protocol line, without newline
  Mode mode = Mode::kRequest;
  bool json = false;  // `ps --json`: the reply lines become one JSON array
};

// `args` excludes argv[0]. `env_control` is $TOCKD_CONTROL (nullptr if unset). Errors are
// usage errors (tockctl exits 2). Sets the --control flag (global, as Abseil flags are).
absl::StatusOr<Invocation> ParseInvocation(const std::vector<std::string>& args,
                                           const char* env_control);

// `ps` reply lines ("process id=I name=NAME state=S restarts=R syscalls=N") as a JSON array of
// {"id","name","state","restarts","syscalls"} objects, one line, no newline. NAME is kept as
// tockd escaped it (printable ASCII) and may contain spaces.
absl::StatusOr<std::string> PsLinesToJson(const std::vector<std::string>& lines);

// tockd refused the command as a usage error: an unknown command or "usage: ..." (tockctl
// exits 2 for these, 1 for other refusals). `message` is the text after "error: ".
bool IsUsageReply(std::string_view message);

extern const char kUsage[];

}  // namespace tock::hostkernel::tockctl

#endif  // TOCKPP_HOSTKERNEL_TOCKCTL_INVOCATION_H_
