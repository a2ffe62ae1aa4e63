// TlvCursor walks the TLVs of a TBF header (bytes [16, header_size)) with the kernel's rule:
// 4-byte type+length, payload, zero padding to a multiple of 4. Checks only framing; the meaning
// of each type is checked by the parser. Freestanding.
#ifndef TOCKPP_TBF_TOOLS_LIB_TLV_CURSOR_H_
#define TOCKPP_TBF_TOOLS_LIB_TLV_CURSOR_H_

#include <cstdint>
#include <optional>
#include <span>

#include "tbf-tools/lib/result.h"

namespace tock::tbf {

struct TlvRecord {
  uint16_t type = 0;
  uint16_t length = 0;
  uint32_t offset = 0;  // of the type field, from the TBF start
  std::span<const uint8_t> payload;
};

class TlvCursor {
 public:
  // `header` = the first header_size bytes of the TBF (base header included).
  explicit TlvCursor(std::span<const uint8_t> header) : header_(header) {}

  // Next TLV, std::nullopt at the end, or a framing error.
  Result<std::optional<TlvRecord>> Next();

 private:
  std::span<const uint8_t> header_;
  uint32_t pos_ = 16;
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_TLV_CURSOR_H_
