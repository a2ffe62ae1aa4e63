// Host load checks: whether one app (an AppImage read by hostkernel/runtime/app_image.h) can
// run on this host, decided before any process exists, with the reason in words. Then the plan
// over every app given (load_plan.h) refuses duplicate names, the RAM total and extra apps.
#ifndef TOCKPP_HOSTKERNEL_LOADER_APP_CHECK_H_
#define TOCKPP_HOSTKERNEL_LOADER_APP_CHECK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hostkernel/loader/credentials.h"
#include "hostkernel/runtime/app_image.h"

namespace tock::hostkernel {

inline constexpr uint32_t kDefaultAppRamMax = 8u << 20;      // --app-ram-max
inline constexpr uint64_t kDefaultTotalRamMax = 128u << 20;  // --total-ram-max
// One process's RAM on the host is at most 1 GiB (HostProcess::Allocate).
inline constexpr uint64_t kHostProcessRamCeiling = 1u << 30;

struct HostLoadLimits {
  uint32_t max_app_ram = kDefaultAppRamMax;      // an app's minimum_ram_size, in bytes
  uint64_t max_total_ram = kDefaultTotalRamMax;  // sum of every loaded app's RAM allocation
  size_t max_processes = 16;                     // process slots of the board
  CredentialPolicy credentials;                  // --credential-key, --require-credentials
};

// Architecture named by a file or TAB member name: a dot-separated piece that is an
// architecture (cortex-m4, rv32imac, x32, ...), e.g. "rv32imac" in
// "rv32imac.0x20040080.0x80002800.tbf" or "cortex-m4" in "blink.cortex-m4.tbf".
std::optional<std::string> ArchFromFileName(std::string_view file_name);

// RAM the host allocates for the app: page-rounded minimum RAM (at least one page, the initial
// break) plus one page for the kernel's per-process region (grant table, upcall queue).
uint64_t HostRamFor(const AppImage& image);

// OK when the app may be loaded on this host; otherwise the message is the reason only
// (tockd prints "tockd: not loading PATH (NAME): REASON").
absl::Status CheckHostApp(const AppImage& image, const HostLoadLimits& limits);

// "8M", "512K", "1G", "4096" (bytes; K/M/G are powers of 1024).
absl::StatusOr<uint64_t> ParseByteSize(std::string_view text);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_LOADER_APP_CHECK_H_
