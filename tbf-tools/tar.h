// Minimal tar reader/writer for .tab bundles: writes POSIX ustar, reads ustar and GNU tar
// (including GNU long names). Every header field is range-checked. Host only.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tbf {

struct TarMember {
  std::string name;
  std::vector<uint8_t> data;
};

// Regular-file members in archive order; directories and other entry types are skipped.
absl::StatusOr<std::vector<TarMember>> ReadTar(std::span<const uint8_t> archive);

// ustar archive, mode 0644, owner 0/0, given mtime, ending with two zero blocks.
absl::StatusOr<std::vector<uint8_t>> WriteTar(const std::vector<TarMember>& members,
                                              uint32_t mtime = 0);

}  // namespace tbf
