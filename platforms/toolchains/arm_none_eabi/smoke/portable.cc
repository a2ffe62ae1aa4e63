// Smoke source: freestanding C++20 that must compile for host and Cortex-M4 alike.
#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace smoke {
std::optional<uint32_t> Sum(std::span<const uint32_t> v) {
  uint32_t s = 0;
  for (uint32_t x : v) {
    s += x;
  }
  if (s == 0) {
    return std::nullopt;
  }
  return s;
}
}  // namespace smoke
