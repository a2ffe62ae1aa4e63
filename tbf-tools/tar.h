// Tar archives for .tab bundles, through libarchive: reads ustar, GNU and pax tar (plain, not
// compressed, as elf2tab writes them); writes POSIX ustar. Host only.
#ifndef TOCKPP_TBF_TOOLS_TAR_H_
#define TOCKPP_TBF_TOOLS_TAR_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::tbf {

struct TarMember {
  std::string name;
  std::vector<uint8_t> data;
};

// Regular-file members in archive order; directories and other entry types are skipped.
// Damaged, truncated or non-tar input is an error with libarchive's one-line reason.
absl::StatusOr<std::vector<TarMember>> ReadTar(std::span<const uint8_t> archive);

// ustar archive, mode 0644, owner 0/0, given mtime; 512-byte blocks, ending with two zero
// blocks (no padding to tar's usual 10 KiB record).
absl::StatusOr<std::vector<uint8_t>> WriteTar(const std::vector<TarMember>& members,
                                              uint32_t mtime = 0);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_TAR_H_
