// Names for ErrorKind values. Freestanding.
#include "tbf-tools/lib/error.h"

namespace tock::tbf {

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kTruncated:
      return "truncated";
    case ErrorKind::kBadVersion:
      return "unsupported version (want 2)";
    case ErrorKind::kHeaderSizeTooSmall:
      return "header size below 16";
    case ErrorKind::kHeaderSizeExceedsTotal:
      return "header size exceeds total size";
    case ErrorKind::kTotalSizeExceedsInput:
      return "total size exceeds available bytes";
    case ErrorKind::kMisaligned:
      return "not a multiple of 4";
    case ErrorKind::kBadChecksum:
      return "checksum mismatch";
    case ErrorKind::kTlvOverrun:
      return "TLV overruns the header";
    case ErrorKind::kTlvZeroLength:
      return "zero-length TLV";
    case ErrorKind::kBadTlvLength:
      return "wrong TLV length for its type";
    case ErrorKind::kDuplicateTlv:
      return "duplicate TLV";
    case ErrorKind::kTooManyEntries:
      return "too many entries";
    case ErrorKind::kBadUtf8:
      return "invalid UTF-8";
    case ErrorKind::kOutOfRange:
      return "value out of range";
    case ErrorKind::kBadFooterType:
      return "footer TLV is not a credential";
    case ErrorKind::kFooterOverrun:
      return "footer overruns total size";
    case ErrorKind::kBadCredentialFormat:
      return "unknown credential format";
    case ErrorKind::kBadCredentialLength:
      return "credential length wrong for format";
    case ErrorKind::kHashMismatch:
      return "integrity hash mismatch";
  }
  return "unknown error";
}

}  // namespace tock::tbf
