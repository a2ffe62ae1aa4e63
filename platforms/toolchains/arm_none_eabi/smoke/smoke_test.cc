// Host test that exists to check board builds skip host-only dependants.
#include <cstdint>
#include <optional>
#include <span>

namespace smoke {
std::optional<uint32_t> Sum(std::span<const uint32_t> v);
}

int main() {
  const uint32_t v[] = {1, 2};
  return smoke::Sum(v) == 3u ? 0 : 1;
}
