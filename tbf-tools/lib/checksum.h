// TBF header checksum: XOR of the complete little-endian words of the first header_size bytes,
// skipping word 3 (the checksum itself), as the upstream kernel computes it. Freestanding.
#ifndef TOCKPP_TBF_TOOLS_LIB_CHECKSUM_H_
#define TOCKPP_TBF_TOOLS_LIB_CHECKSUM_H_

#include <cstdint>
#include <span>

namespace tock::tbf {

uint32_t ComputeHeaderChecksum(std::span<const uint8_t> header);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_CHECKSUM_H_
