// Which ELF symbolizes each app's fault dumps (hostkernel/runtime/fault_dump.h), and tockd's
// --symbols flag (defined here, linked into tockd):
//   (none)                  the ELF beside each TBF: apps/x/hello.tbf -> apps/x/hello.elf
//   --symbols=APP=PATH,...  these ELFs for these apps (the others: beside their TBF)
//   --symbols=DIR           DIR/NAME.elf for every app NAME that has one (then beside)
// Apps from a .tab have no ELF beside them; name it with --symbols. Relative paths are also
// tried from $BUILD_WORKING_DIRECTORY (the caller's directory under `bazel run`). Host-only.
#ifndef TOCKPP_HOSTKERNEL_SYMBOLS_APP_SYMBOLS_H_
#define TOCKPP_HOSTKERNEL_SYMBOLS_APP_SYMBOLS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hostkernel/runtime/app_image.h"
#include "hostkernel/runtime/fault_dump.h"

namespace tock::hostkernel {

struct AppSource {
  std::string name;    // package name (unescaped)
  std::string source;  // "apps/hello.tbf" or "blink.tab:x32.tbf" (AppImage::source)
};

// The ELF for each app under `symbols_flag`. An unusable flag value is an error (one line,
// "--symbols: ..."); an ELF named but missing, or an app named but not loaded, is a warning
// added to `warnings` (the dump then says why it has no symbols).
absl::StatusOr<AppElfPaths> ResolveAppElfPaths(const std::string& symbols_flag,
                                               const std::vector<AppSource>& apps,
                                               std::vector<std::string>* warnings);

// tockd's step: resolves --symbols for the loaded apps, logs the warnings and hands the paths
// to the fault dumps. Errors as ResolveAppElfPaths.
absl::Status InstallAppSymbols(const std::vector<std::unique_ptr<AppImage>>& images);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_SYMBOLS_APP_SYMBOLS_H_
