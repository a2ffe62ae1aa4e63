// Parse errors of the TBF library as plain values: a kind, the byte offset in the image where the
// problem sits and the name of the field. Freestanding (no heap); the field name is a string
// literal with static lifetime so an Error can be copied anywhere, including into the kernel.
#ifndef TOCKPP_TBF_TOOLS_LIB_ERROR_H_
#define TOCKPP_TBF_TOOLS_LIB_ERROR_H_

#include <cstdint>

namespace tock::tbf {

enum class ErrorKind : uint8_t {
  kTruncated,               // input ends before the field
  kBadVersion,              // base header version is not 2
  kHeaderSizeTooSmall,      // header_size < 16
  kHeaderSizeExceedsTotal,  // header_size > total_size
  kTotalSizeExceedsInput,   // total_size larger than the bytes available
  kMisaligned,              // size or offset not a multiple of 4
  kBadChecksum,             // header checksum does not match
  kTlvOverrun,              // TLV (with padding) runs past header_size
  kTlvZeroLength,           // TLV with length 0 where a payload is required
  kBadTlvLength,            // TLV length does not match its type's layout
  kDuplicateTlv,            // a TLV that may appear once appears again
  kTooManyEntries,          // more entries than the fixed capacity of this library
  kBadUtf8,                 // package name is not valid UTF-8
  kOutOfRange,              // an offset/size field points outside the object
  kBadFooterType,           // footer TLV that is not a Credentials TLV (type 128)
  kFooterOverrun,           // footer TLV runs past total_size
  kBadCredentialFormat,     // credential format unknown
  kBadCredentialLength,     // credential data length wrong for its format
  kHashMismatch,            // integrity hash does not match [0, binary_end_offset)
};

// Short human-readable description of `kind` (static string).
const char* ErrorKindName(ErrorKind kind);

struct Error {
  ErrorKind kind;
  uint32_t offset;    // byte offset from the start of the TBF object
  const char* field;  // e.g. "base.header_size", "tlv[Main].length"; static lifetime
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_ERROR_H_
