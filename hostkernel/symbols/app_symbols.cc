// --symbols and the ELF beside each TBF; see app_symbols.h.
#include "hostkernel/symbols/app_symbols.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "hostkernel/runtime/escaped_name.h"
#include "hostkernel/status/status_macros.h"
#include "spdlog/spdlog.h"

ABSL_FLAG(std::string, symbols, "",
          "ELFs that symbolize fault dumps: APP=PATH[,APP=PATH] or DIR (DIR/NAME.elf); "
          "by default the .elf beside each .tbf");

namespace tock::hostkernel {
namespace {

enum class Kind { kMissing, kFile, kDir, kOther };

Kind KindOf(const std::string& path, int* error) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    *error = errno;
    return Kind::kMissing;
  }
  return S_ISREG(st.st_mode) ? Kind::kFile : S_ISDIR(st.st_mode) ? Kind::kDir : Kind::kOther;
}

// `path`, or the same relative path from the caller's directory under `bazel run` when only
// that one exists.
std::string Locate(const std::string& path) {
  int error = 0;
  if (path.empty() || path[0] == '/' || KindOf(path, &error) != Kind::kMissing) {
    return path;
  }
  const char* caller_dir = std::getenv("BUILD_WORKING_DIRECTORY");
  if (caller_dir == nullptr || *caller_dir == '\0') {
    return path;
  }
  std::string there = absl::StrCat(caller_dir, "/", path);
  return KindOf(there, &error) == Kind::kMissing ? path : there;
}

constexpr std::string_view kTbfSuffix = ".tbf";

}  // namespace

absl::StatusOr<AppElfPaths> ResolveAppElfPaths(const std::string& symbols_flag,
                                               const std::vector<AppSource>& apps,
                                               std::vector<std::string>* warnings) {
  AppElfPaths out;
  std::set<std::string, std::less<>> loaded;
  for (const AppSource& app : apps) {
    loaded.insert(app.name);
  }
  std::string dir;
  if (symbols_flag.find('=') != std::string::npos) {
    for (const std::string& entry : std::vector<std::string>(absl::StrSplit(symbols_flag, ','))) {
      const size_t eq = entry.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--symbols: expected APP=PATH[,APP=PATH] or DIR, got '", entry, "'"));
      }
      const std::string app = entry.substr(0, eq);
      const std::string path = Locate(entry.substr(eq + 1));
      if (loaded.count(app) == 0) {
        warnings->push_back(absl::StrCat("--symbols: no app '", app, "' is loaded"));
        continue;
      }
      int error = 0;
      if (KindOf(path, &error) == Kind::kMissing) {
        warnings->push_back(absl::StrCat("--symbols: ", path, ": ", std::strerror(error)));
      }
      out.elf[app] = path;
    }
  } else if (!symbols_flag.empty()) {
    dir = Locate(symbols_flag);
    int error = 0;
    const Kind kind = KindOf(dir, &error);
    if (kind != Kind::kDir) {
      return absl::InvalidArgumentError(
          absl::StrCat("--symbols: ", dir, ": ",
                       kind == Kind::kMissing ? std::strerror(error) : "not a directory",
                       " (give DIR or APP=PATH[,APP=PATH])"));
    }
  }
  for (const AppSource& app : apps) {
    if (out.elf.count(app.name) != 0) {
      continue;
    }
    int error = 0;
    if (!dir.empty()) {
      std::string in_dir = absl::StrCat(dir, "/", app.name, ".elf");
      if (KindOf(in_dir, &error) == Kind::kFile) {
        out.elf[app.name] = std::move(in_dir);
        continue;
      }
    }
    if (app.source.find(".tab:") != std::string::npos) {
      out.missing[app.name] = absl::StrCat(
          "app from a TAB; name its ELF with --symbols=", EscapedName(app.name), "=PATH");
      continue;
    }
    std::string beside = app.source;
    if (beside.size() >= kTbfSuffix.size() &&
        beside.compare(beside.size() - kTbfSuffix.size(), kTbfSuffix.size(), kTbfSuffix) == 0) {
      beside.resize(beside.size() - kTbfSuffix.size());
    }
    beside += ".elf";
    beside = Locate(beside);
    if (KindOf(beside, &error) == Kind::kFile) {
      out.elf[app.name] = std::move(beside);
    } else {
      out.missing[app.name] = absl::StrCat(
          "no ", beside, "; name the ELF with --symbols=", EscapedName(app.name), "=PATH");
    }
  }
  return out;
}

absl::Status InstallAppSymbols(const std::vector<std::unique_ptr<AppImage>>& images) {
  std::vector<AppSource> apps;
  apps.reserve(images.size());
  for (const std::unique_ptr<AppImage>& image : images) {
    apps.push_back({image->name(), image->source});
  }
  std::vector<std::string> warnings;
  absl::StatusOr<AppElfPaths> paths =
      ResolveAppElfPaths(absl::GetFlag(FLAGS_symbols), apps, &warnings);
  TOCKPP_RETURN_IF_ERROR(paths.status());
  for (const std::string& warning : warnings) {
    spdlog::warn("{}", warning);
  }
  for (const auto& [app, path] : paths->elf) {
    spdlog::debug("fault dumps of {} are symbolized from {}", EscapedName(app), path);
  }
  SetFaultDumpElfPaths(*std::move(paths));
  return absl::OkStatus();
}

}  // namespace tock::hostkernel
