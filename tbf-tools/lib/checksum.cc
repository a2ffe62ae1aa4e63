// Header checksum (see checksum.h). Freestanding.
#include "tbf-tools/lib/checksum.h"

#include "tbf-tools/lib/types.h"

namespace tock::tbf {

uint32_t ComputeHeaderChecksum(std::span<const uint8_t> header) {
  uint32_t sum = 0;
  const size_t words = header.size() / 4;
  for (size_t i = 0; i < words; ++i) {
    if (i == 3) {
      continue;
    }
    sum ^= Le32(header.data() + 4 * i);
  }
  return sum;
}

}  // namespace tock::tbf
