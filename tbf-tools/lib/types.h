// TBF v2 numbers exactly as upstream Tock defines them (tock-tbf types.rs, TBF book chapter):
// TLV types, credential formats, fixed sizes and little-endian field readers. Freestanding.
#ifndef TOCKPP_TBF_TOOLS_LIB_TYPES_H_
#define TOCKPP_TBF_TOOLS_LIB_TYPES_H_

#include <cstddef>
#include <cstdint>

namespace tock::tbf {

inline constexpr uint16_t kTbfVersion = 2;
inline constexpr uint32_t kBaseHeaderSize = 16;
inline constexpr uint32_t kTlvHeaderSize = 4;
inline constexpr uint32_t kFlagEnabled = 1u << 0;
inline constexpr uint32_t kFlagSticky = 1u << 1;
inline constexpr uint32_t kNotFixed = 0xFFFFFFFFu;  // FixedAddresses "no fixed address"

enum class TlvType : uint16_t {
  kMain = 1,
  kWriteableFlashRegions = 2,
  kPackageName = 3,
  kPicOption1 = 4,  // legacy, ignored by the kernel
  kFixedAddresses = 5,
  kPermissions = 6,
  kStoragePermissions = 7,
  kKernelVersion = 8,
  kProgram = 9,
  kShortId = 10,
  kCredentials = 128,  // footer only
};

// Payload lengths of the fixed-size TLVs.
inline constexpr uint16_t kMainLength = 12;
inline constexpr uint16_t kProgramLength = 20;
inline constexpr uint16_t kFixedAddressesLength = 8;
inline constexpr uint16_t kKernelVersionLength = 4;
inline constexpr uint16_t kShortIdLength = 4;
inline constexpr uint16_t kWriteableFlashRegionSize = 8;
inline constexpr uint16_t kPermissionEntrySize = 16;

enum class CredentialFormat : uint32_t {
  kReserved = 0,
  kRsa3072Key = 1,
  kRsa4096Key = 2,
  kSha256 = 3,
  kSha384 = 4,
  kSha512 = 5,
  kEcdsaNistP256 = 6,
  kHmacSha256 = 7,      // tockloader only
  kRsa2048 = 0x0A,      // book + tockloader, not in the kernel enum
  kCleartextId = 0xF1,  // tockloader only
};

// Data bytes (after the 4-byte format word) a credential of `format` carries; -1 = any length
// (Reserved), -2 = unknown format.
constexpr int32_t CredentialDataLength(uint32_t format) {
  switch (static_cast<CredentialFormat>(format)) {
    case CredentialFormat::kReserved:
      return -1;
    case CredentialFormat::kRsa3072Key:
      return 768;
    case CredentialFormat::kRsa4096Key:
      return 1024;
    case CredentialFormat::kSha256:
      return 32;
    case CredentialFormat::kSha384:
      return 48;
    case CredentialFormat::kSha512:
    case CredentialFormat::kEcdsaNistP256:  // r and s, 32 bytes each
      return 64;
    case CredentialFormat::kHmacSha256:
      return 32;
    case CredentialFormat::kRsa2048:
      return 256;
    case CredentialFormat::kCleartextId:
      return 8;
  }
  return -2;
}

const char* TlvTypeName(uint16_t type);
const char* CredentialFormatName(uint32_t format);

constexpr uint32_t RoundUp4(uint32_t v) { return (v + 3u) & ~3u; }

inline uint16_t Le16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (static_cast<uint16_t>(p[1]) << 8));
}
inline uint32_t Le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t Le64(const uint8_t* p) {
  return static_cast<uint64_t>(Le32(p)) | (static_cast<uint64_t>(Le32(p + 4)) << 32);
}

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_TYPES_H_
