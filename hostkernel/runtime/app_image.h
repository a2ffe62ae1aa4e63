// AppImage: one TBF read from a .tbf or .tab file, validated by the TBF library and described
// for the kernel's loader (kernel/tbf_description.h). The bytes live here for as long as the
// process may run, since the kernel's description points into them. Host-only.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "kernel/tbf_description.h"

namespace tockpp::hostkernel {

struct AppImage {
  std::string source;          // "apps/hello.tbf" or "blink.tab:x32.tbf", for messages
  std::vector<uint8_t> bytes;  // the whole TBF object
  tock::TbfDescription tbf;    // points into `bytes`
  std::string name() const { return std::string(tbf.package_name, tbf.package_name_len); }
};

// The TAB architecture names tockd runs (host apps are x32: x86-64 code, 32-bit pointers).
inline constexpr const char* kHostArchitectures[] = {"x32", "x86_64"};

// Reads `path`: a .tab yields every TBF for a host architecture, anything else is read as one
// TBF. Errors are one line naming the file and, for malformed TBFs, the field and byte offset.
absl::StatusOr<std::vector<std::unique_ptr<AppImage>>> LoadAppFile(const std::string& path);

// Validates one TBF and fills `tbf` (flash address: the FixedAddresses TLV's binary address
// minus the protected region when present, else TOCK_HOST_FLASH_ADDR).
absl::StatusOr<std::unique_ptr<AppImage>> MakeAppImage(std::string source,
                                                       std::vector<uint8_t> bytes);

}  // namespace tockpp::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_APP_IMAGE_H_
