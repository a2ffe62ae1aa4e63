// Application identity of a process (upstream TRD-appid, kernel/src/process.rs `ShortId`,
// kernel/src/process_checker.rs): the 32-bit ShortId the board's assigner gave it and what its
// credentials proved at load. Trusted board code fills an AppIdentity into the TbfDescription
// before LoadProcess; capsules read it through Process (process info driver, process console).
// Freestanding.
#ifndef TOCKPP_KERNEL_APP_ID_H_
#define TOCKPP_KERNEL_APP_ID_H_

#include <cstddef>
#include <cstdint>

namespace tock {

// ShortId value 0 is upstream's ShortId::LocallyUnique: no fixed number, never equal to any
// other ShortId (not even another LocallyUnique), so it never blocks a load.
inline constexpr uint32_t kShortIdLocallyUnique = 0;

// Upstream's uniqueness rule compares ShortIds this way (`impl PartialEq for ShortId`).
constexpr bool SameShortId(uint32_t a, uint32_t b) { return a != kShortIdLocallyUnique && a == b; }

// Upstream kernel::utilities::helpers::crc32_posix: CRC-32 polynomial 0x04C11DB7, MSB first,
// initial 0, final complement, no length suffix. AppIdAssignerNames hashes package names with it.
constexpr uint32_t Crc32PosixUpdate(uint32_t crc, uint8_t byte) {
  crc ^= static_cast<uint32_t>(byte) << 24;
  for (int bit = 0; bit < 8; ++bit) {
    crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
  }
  return crc;
}

constexpr uint32_t Crc32Posix(const char* bytes, size_t len) {
  uint32_t crc = 0;
  for (size_t i = 0; i < len; ++i) {
    crc = Crc32PosixUpdate(crc, static_cast<uint8_t>(bytes[i]));
  }
  return ~crc;
}

// The default assigner (see kernel/README.md): a ShortId TLV in the TBF wins (upstream's
// AppIdAssignerTbfHeader), otherwise the CRC of the package name (AppIdAssignerNames, as the
// nrf52840dk AppID boards use). No name and no TLV: LocallyUnique (upstream would hash "",
// which would let only one unnamed app run).
constexpr uint32_t AssignShortId(uint32_t tbf_short_id, const char* name, size_t name_len) {
  if (tbf_short_id != 0) {
    return tbf_short_id;
  }
  if (name_len == 0) {
    return kShortIdLocallyUnique;
  }
  return Crc32Posix(name, name_len);  // 0 is LocallyUnique, as upstream's NonZeroU32::new
}

// What the credential check at load accepted (upstream AcceptedCredential).
enum class CredentialStatus : uint8_t {
  kNone = 0,               // no credential accepted: an unsigned app the policy lets run
  kHashVerified = 1,       // a SHA-256/384/512 footer matched (integrity, no key)
  kSignatureVerified = 2,  // an ECDSA P-256 signature verified with a board key
};

constexpr const char* CredentialStatusName(CredentialStatus s) {
  switch (s) {
    case CredentialStatus::kNone:
      return "none";
    case CredentialStatus::kHashVerified:
      return "hash";
    case CredentialStatus::kSignatureVerified:
      return "signed";
  }
  return "?";
}

struct AppIdentity {
  uint32_t short_id = kShortIdLocallyUnique;
  CredentialStatus credential = CredentialStatus::kNone;
  uint32_t credential_format = 0;  // TBF credential format of the accepted one (0: none)
  uint8_t key_index = 0;           // which board key verified it (kSignatureVerified)
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_APP_ID_H_
