// Tock Application Bundle (.tab) read/write: a tar with metadata.toml and one TBF per
// architecture (<arch>.tbf or <arch>.<flash>.<ram>.tbf), as elf2tab writes and tockloader
// reads. `tockd` uses ReadTabFile + TbfsForArch to accept .tab files. Host only.
#ifndef TOCKPP_TBF_TOOLS_TAB_H_
#define TOCKPP_TBF_TOOLS_TAB_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::tbf {

struct TabMetadata {
  int tab_version = 1;
  std::string name;
  std::optional<std::string> minimum_tock_kernel_version;  // "2.2"
  std::optional<std::string> only_for_boards;              // "hail,imix"
  std::optional<std::string> build_date;                   // RFC 3339
};

struct TabTbf {
  std::string member_name;  // e.g. "cortex-m4.tbf", "rv32imac.0x20040080.0x80002800.tbf"
  std::string arch;         // first dot-separated piece of the name
  std::vector<uint8_t> bytes;
};

struct Tab {
  TabMetadata metadata;
  std::vector<TabTbf> tbfs;  // members named *.tbf, in archive order
};

// Reads a .tab; other members (e.g. *.bin) are ignored. TBF contents are not validated here:
// run ParseTbf on each.
absl::StatusOr<Tab> ReadTab(std::span<const uint8_t> bytes);
absl::StatusOr<Tab> ReadTabFile(const std::string& path);
absl::StatusOr<std::vector<uint8_t>> WriteTab(const Tab& tab);

// TBFs whose architecture equals `arch`.
std::vector<const TabTbf*> TbfsForArch(const Tab& tab, std::string_view arch);

std::string FormatMetadataToml(const TabMetadata& metadata);
absl::StatusOr<TabMetadata> ParseMetadataToml(std::string_view text);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_TAB_H_
