// Integrity credential checking (see integrity.h). Freestanding.
#include "tbf-tools/lib/integrity.h"

#include "tbf-tools/lib/sha2.h"
#include "tbf-tools/lib/types.h"

namespace tock::tbf {
namespace {

bool Equal(const uint8_t* a, const uint8_t* b, size_t n) {
  uint8_t diff = 0;
  for (size_t i = 0; i < n; ++i) {
    diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

Result<IntegrityReport> CheckIntegrity(std::span<const uint8_t> image, const TbfHeader& header) {
  IntegrityReport report;
  if (header.binary_end_offset() > image.size()) {
    return Error{ErrorKind::kTotalSizeExceedsInput, 4, "base.total_size"};
  }
  const std::span<const uint8_t> covered = image.first(header.binary_end_offset());
  for (uint8_t i = 0; i < header.credential_count; ++i) {
    const Credential& c = header.credentials[i];
    CredentialCheck check = CredentialCheck::kNotVerified;
    switch (static_cast<CredentialFormat>(c.format)) {
      case CredentialFormat::kReserved:
        check = CredentialCheck::kReserved;
        break;
      case CredentialFormat::kSha256: {
        Sha256 sha;
        sha.Update(covered);
        auto d = sha.Finish();
        if (c.data.size() != 32 || !Equal(d.data(), c.data.data(), 32)) {
          return Error{ErrorKind::kHashMismatch, c.offset + 8, "credential.sha256"};
        }
        check = CredentialCheck::kHashVerified;
        break;
      }
      case CredentialFormat::kSha384:
      case CredentialFormat::kSha512: {
        const bool is384 = c.format == static_cast<uint32_t>(CredentialFormat::kSha384);
        const size_t n = is384 ? 48 : 64;
        Sha512 sha(is384);
        sha.Update(covered);
        auto d = sha.Finish();
        if (c.data.size() != n || !Equal(d.data(), c.data.data(), n)) {
          return Error{ErrorKind::kHashMismatch, c.offset + 8,
                       is384 ? "credential.sha384" : "credential.sha512"};
        }
        check = CredentialCheck::kHashVerified;
        break;
      }
      default:
        break;
    }
    if (check == CredentialCheck::kHashVerified) {
      ++report.hashes_verified;
    }
    report.checks[report.count++] = check;
  }
  return report;
}

}  // namespace tock::tbf
