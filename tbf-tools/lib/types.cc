// Names for TLV types and credential formats, for tools and logs. Freestanding.
#include "tbf-tools/lib/types.h"

namespace tock::tbf {

const char* TlvTypeName(uint16_t type) {
  switch (static_cast<TlvType>(type)) {
    case TlvType::kMain:
      return "Main";
    case TlvType::kWriteableFlashRegions:
      return "WriteableFlashRegions";
    case TlvType::kPackageName:
      return "PackageName";
    case TlvType::kPicOption1:
      return "PicOption1";
    case TlvType::kFixedAddresses:
      return "FixedAddresses";
    case TlvType::kPermissions:
      return "Permissions";
    case TlvType::kStoragePermissions:
      return "StoragePermissions";
    case TlvType::kKernelVersion:
      return "KernelVersion";
    case TlvType::kProgram:
      return "Program";
    case TlvType::kShortId:
      return "ShortId";
    case TlvType::kCredentials:
      return "Credentials";
  }
  return "Unknown";
}

const char* CredentialFormatName(uint32_t format) {
  switch (static_cast<CredentialFormat>(format)) {
    case CredentialFormat::kReserved:
      return "Reserved";
    case CredentialFormat::kRsa3072Key:
      return "Rsa3072Key";
    case CredentialFormat::kRsa4096Key:
      return "Rsa4096Key";
    case CredentialFormat::kSha256:
      return "SHA256";
    case CredentialFormat::kSha384:
      return "SHA384";
    case CredentialFormat::kSha512:
      return "SHA512";
    case CredentialFormat::kEcdsaNistP256:
      return "EcdsaNistP256";
    case CredentialFormat::kHmacSha256:
      return "HmacSha256";
    case CredentialFormat::kRsa2048:
      return "Rsa2048";
    case CredentialFormat::kCleartextId:
      return "CleartextId";
  }
  return "Unknown";
}

}  // namespace tock::tbf
