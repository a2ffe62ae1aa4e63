// CheckIntegrity: recomputes the SHA-256/384/512 credentials of a parsed TBF over
// [0, binary_end_offset) and compares them; signature credentials are reported as present but
// not verified (no keys here). Freestanding.
#ifndef TOCKPP_TBF_TOOLS_LIB_INTEGRITY_H_
#define TOCKPP_TBF_TOOLS_LIB_INTEGRITY_H_

#include <array>
#include <cstdint>
#include <span>

#include "tbf-tools/lib/result.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

enum class CredentialCheck : uint8_t {
  kReserved,      // filler, nothing to check
  kHashVerified,  // SHA-2 digest matches
  kNotVerified,   // signature or id credential, parsed only
};

struct IntegrityReport {
  std::array<CredentialCheck, kMaxCredentials> checks{};
  uint8_t count = 0;
  uint8_t hashes_verified = 0;
};

// `image` must be the same bytes `header` was parsed from. Error kHashMismatch names the
// credential's data offset.
Result<IntegrityReport> CheckIntegrity(std::span<const uint8_t> image, const TbfHeader& header);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_INTEGRITY_H_
