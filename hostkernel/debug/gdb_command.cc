// ElfBesideTbf and GdbAttachCommand; see gdb_command.h.
#include "hostkernel/debug/gdb_command.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"

namespace tock::hostkernel {

std::string ElfBesideTbf(std::string_view tbf_source, std::string* looked_for) {
  std::string path(tbf_source);
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".tbf") == 0) {
    path.resize(path.size() - 4);
  }
  path += ".elf";
  if (looked_for != nullptr) {
    *looked_for = path;
  }
  // A TAB member ("dir/x.tab:x32.tbf") names no file of its own: nothing to find.
  if (tbf_source.find(".tab:") != std::string_view::npos || access(path.c_str(), R_OK) != 0) {
    return "";
  }
  if (path[0] == '/') {
    return path;
  }
  // Absolute, so the command works from any directory; symlinks (bazel-bin) are kept.
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof(cwd)) == nullptr) {
    return "";
  }
  return absl::StrCat(cwd, "/", path.substr(0, 2) == "./" ? path.substr(2) : path);
}

std::string ShellQuote(std::string_view s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789_-./:=+,@%") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string GdbAttachCommand(int pid, std::string_view elf) {
  std::string cmd = absl::StrCat("gdb -q -p ", pid);
  if (!elf.empty()) {
    absl::StrAppend(&cmd, " ", ShellQuote(elf));
  }
  return cmd;
}

}  // namespace tock::hostkernel
