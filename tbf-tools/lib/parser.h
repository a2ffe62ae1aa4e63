// ParseTbf: validates one TBF v2 object at the start of `image` and returns its TbfHeader.
// Structure only (base header, checksum, every TLV, footer credentials framing and lengths);
// integrity hashes are checked by CheckIntegrity (integrity.h). `image` may extend past the
// object (app flash holding several objects): the next object starts at total_size.
// Freestanding: no heap, bounded work (linear in header_size + footer size).
#ifndef TOCKPP_TBF_TOOLS_LIB_PARSER_H_
#define TOCKPP_TBF_TOOLS_LIB_PARSER_H_

#include <cstdint>
#include <span>

#include "tbf-tools/lib/result.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

Result<TbfHeader> ParseTbf(std::span<const uint8_t> image);

// Only the 16-byte base header (version, sizes, flags, checksum field), without checking the
// checksum or TLVs. Useful to skip an invalid object by its total_size, as the kernel does.
Result<TbfHeader> ParseBaseHeader(std::span<const uint8_t> image);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_PARSER_H_
