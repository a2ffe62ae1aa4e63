// tockctl's command line: which socket (--control=unix:PATH, else $TOCKD_CONTROL), which
// command, checked locally so a typo fails fast with a one-line error. Host-only.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tockpp::hostkernel::tockctl {

enum class Mode {
  kRequest,  // one command, reply lines until ok / error
  kWatch,    // stream event lines
  kConsole,  // raw console pipe after ok
  kHelp,     // print usage, no connection
  kVersion,  // print the version line, no connection
};

struct Invocation {
  std::string socket_path;
  std::string line;  // the protocol line, without newline
  Mode mode = Mode::kRequest;
  bool json = false;  // `ps --json`: the reply lines become one JSON array
};

// `args` excludes argv[0]. `env_control` is $TOCKD_CONTROL (nullptr if unset). Errors are
// usage errors (tockctl exits 2).
absl::StatusOr<Invocation> ParseInvocation(const std::vector<std::string>& args,
                                           const char* env_control);

// `ps` reply lines ("process id=I name=NAME state=S restarts=R syscalls=N") as a JSON array of
// {"id","name","state","restarts","syscalls"} objects, one line, no newline. NAME is kept as
// tockd escaped it (printable ASCII) and may contain spaces.
absl::StatusOr<std::string> PsLinesToJson(const std::vector<std::string>& lines);

extern const char kUsage[];

}  // namespace tockpp::hostkernel::tockctl
