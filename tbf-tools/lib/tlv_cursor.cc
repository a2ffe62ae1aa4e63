// TLV framing walk (see tlv_cursor.h). Freestanding.
#include "tbf-tools/lib/tlv_cursor.h"

#include "tbf-tools/lib/types.h"

namespace tock::tbf {

Result<std::optional<TlvRecord>> TlvCursor::Next() {
  const uint32_t size = static_cast<uint32_t>(header_.size());
  if (pos_ >= size) {
    return std::optional<TlvRecord>{};
  }
  if (size - pos_ < kTlvHeaderSize) {
    return Error{ErrorKind::kTlvOverrun, pos_, "tlv.header"};
  }
  TlvRecord rec;
  rec.offset = pos_;
  rec.type = Le16(header_.data() + pos_);
  rec.length = Le16(header_.data() + pos_ + 2);
  const uint32_t padded = RoundUp4(rec.length);
  if (padded > size - pos_ - kTlvHeaderSize) {
    return Error{ErrorKind::kTlvOverrun, pos_ + 2, "tlv.length"};
  }
  rec.payload = header_.subspan(pos_ + kTlvHeaderSize, rec.length);
  pos_ += kTlvHeaderSize + padded;
  return std::optional<TlvRecord>{rec};
}

}  // namespace tock::tbf
