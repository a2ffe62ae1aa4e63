// AppImage: one TBF read from a .tbf or .tab file, validated by the TBF library and described
// for the kernel's loader (kernel/tbf_description.h). The bytes live here for as long as the
// process may run, since the kernel's description points into them. Host-only.
// Every TBF is placed at TOCK_HOST_FLASH_ADDR (each app has its own address space); whether
// the app fits the host (architecture, fixed addresses, entry, RAM) is decided by
// hostkernel/loader before any process exists.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kernel/tbf_description.h"
#include "tbf-tools/lib/process_load_info.h"

namespace tock::hostkernel {

struct AppImage {
  std::string source;               // "apps/hello.tbf" or "blink.tab:x32.tbf", for messages
  std::string file_name;            // last part of the path, or the TAB member's name
  std::vector<uint8_t> bytes;       // the whole TBF object
  tock::tbf::ProcessLoadInfo info;  // the parsed header; points into `bytes`
  tock::TbfDescription tbf;         // points into `bytes` (or `placeholder_name`)
  std::string placeholder_name;     // the name given to an app whose TBF has none (see loader)
  std::string name() const { return std::string(tbf.package_name, tbf.package_name_len); }
  // Gives the app `name` (kept here) when its TBF has no package name.
  void SetPlaceholderName(std::string name);
};

// The TAB architecture names tockd runs (host apps are x32: x86-64 code, 32-bit pointers).
inline constexpr const char* kHostArchitectures[] = {"x32", "x86_64"};

// One app (or whole file) that was not loaded: PATH, NAME (escaped, "?" when the TBF is too
// broken to have one) and the reason in words (no path in it).
struct AppRefusal {
  std::string source;
  std::string name;
  std::string reason;
};

// Everything read from one file given on the command line.
struct AppFile {
  std::vector<std::unique_ptr<AppImage>> images;
  std::vector<AppRefusal> refused;
};

// Reads `path`: a tar (`ustar` at byte 257, whatever its name) is a TAB and yields every TBF
// for a host architecture; anything else is read as one TBF. A file that cannot be read or
// parsed becomes one refusal; this never fails as a whole.
AppFile LoadAppFile(const std::string& path);

// Validates one TBF's structure and fills `info` and `tbf` (at TOCK_HOST_FLASH_ADDR). An error
// message is the reason only: "malformed TBF: bad checksum at byte 12 (checksum)", "an ELF
// file, not a TBF: ...", "empty file", ...
absl::StatusOr<std::unique_ptr<AppImage>> MakeAppImage(std::string source,
                                                       std::vector<uint8_t> bytes);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_
