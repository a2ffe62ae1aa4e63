// Runfiles lookup for the harness (Bazel's C++ runfiles library, workspace "tockpp").
#include "tests/harness/data_path.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "absl/status/status.h"
#include "tools/cpp/runfiles/runfiles.h"

namespace tock::harness {
namespace {

using bazel::tools::cpp::runfiles::Runfiles;

constexpr char kWorkspace[] = "tockpp";

const Runfiles* TheRunfiles() {
  static const Runfiles* runfiles = [] {
    std::string error;
    Runfiles* r = Runfiles::CreateForTest(&error);
    if (r != nullptr) {
      return r;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0) {
      return static_cast<Runfiles*>(nullptr);
    }
    return Runfiles::Create(std::string(exe, static_cast<size_t>(n)), &error);
  }();
  return runfiles;
}

bool IsFile(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// "//a/b:c.tbf" -> "a/b/c.tbf", "//a/b" -> "a/b/b", "a/b/c.tbf" unchanged.
std::string WorkspaceRelative(std::string_view label) {
  if (label.substr(0, 2) != "//") {
    return std::string(label);
  }
  label.remove_prefix(2);
  size_t colon = label.find(':');
  if (colon == std::string_view::npos) {
    size_t slash = label.rfind('/');
    std::string_view last = slash == std::string_view::npos ? label : label.substr(slash + 1);
    return std::string(label) + "/" + std::string(last);
  }
  std::string pkg(label.substr(0, colon));
  std::string name(label.substr(colon + 1));
  return pkg.empty() ? name : pkg + "/" + name;
}

}  // namespace

absl::StatusOr<std::string> DataPath(std::string_view label_or_path) {
  if (!label_or_path.empty() && label_or_path.front() == '/' &&
      label_or_path.substr(0, 2) != "//") {
    std::string path(label_or_path);
    if (IsFile(path)) {
      return path;
    }
    return absl::NotFoundError("no file at " + path);
  }
  std::string relative = std::string(kWorkspace) + "/" + WorkspaceRelative(label_or_path);
  if (const Runfiles* runfiles = TheRunfiles()) {
    std::string path = runfiles->Rlocation(relative);
    if (!path.empty() && IsFile(path)) {
      return path;
    }
  }
  return absl::NotFoundError("'" + std::string(label_or_path) + "' is not in the runfiles (as " +
                             relative + "); add it to the test's data");
}

absl::StatusOr<std::string> TockdPath() {
  if (const char* env = std::getenv("TOCKD"); env != nullptr && *env != '\0') {
    if (IsFile(env)) {
      return std::string(env);
    }
    return absl::NotFoundError(std::string("$TOCKD names no file: ") + env);
  }
  return DataPath("//hostkernel:tockd");
}

}  // namespace tock::harness
