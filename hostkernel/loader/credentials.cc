// Credential policy at load; see credentials.h.
#include "hostkernel/loader/credentials.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "tbf-tools/lib/integrity.h"
#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/types.h"

namespace tock::hostkernel {

absl::Status AddCredentialKeys(std::string_view paths, CredentialPolicy& policy) {
  for (absl::string_view path :
       absl::StrSplit(absl::string_view(paths.data(), paths.size()), ',', absl::SkipEmpty())) {
    absl::StatusOr<tock::tbf::EcdsaP256Key> key =
        tock::tbf::EcdsaP256Key::LoadPem(std::string{path});
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--credential-key ", path, ": ", key.status().message()));
    }
    policy.keys.push_back(*std::move(key));
  }
  return absl::OkStatus();
}

absl::StatusOr<tock::AppIdentity> AcceptCredentials(const AppImage& image,
                                                    const CredentialPolicy& policy) {
  tock::AppIdentity id = image.tbf.identity;
  id.credential = tock::CredentialStatus::kNone;
  id.credential_format = 0;
  id.key_index = 0;
  const std::span<const uint8_t> bytes(image.bytes.data(), image.bytes.size());
  tock::tbf::Result<tock::tbf::TbfHeader> header = tock::tbf::ParseTbf(bytes);
  if (!header.ok()) {
    return absl::InvalidArgumentError("malformed TBF");  // CheckHostApp refuses it first
  }
  const tock::tbf::SignatureCheck sig =
      tock::tbf::CheckSignatures(bytes, header.value(), policy.keys);
  if (!policy.keys.empty() && sig.signatures > 0 && sig.verified == 0) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "ECDSA P-256 signature at byte %u does not verify with any --credential-key (signed "
        "by another key, or the image was changed after it was signed)",
        sig.failed_offset));
  }
  if (sig.verified > 0) {
    id.credential = tock::CredentialStatus::kSignatureVerified;
    id.credential_format = static_cast<uint32_t>(tock::tbf::CredentialFormat::kEcdsaNistP256);
    id.key_index = static_cast<uint8_t>(sig.key_index);
    return id;
  }
  // Hash footers were checked by CheckHostApp; the first one is the app's (integrity only).
  for (uint8_t i = 0; i < header.value().credential_count; ++i) {
    const uint32_t format = header.value().credentials[i].format;
    if (format == static_cast<uint32_t>(tock::tbf::CredentialFormat::kSha256) ||
        format == static_cast<uint32_t>(tock::tbf::CredentialFormat::kSha384) ||
        format == static_cast<uint32_t>(tock::tbf::CredentialFormat::kSha512)) {
      id.credential = tock::CredentialStatus::kHashVerified;
      id.credential_format = format;
      break;
    }
  }
  if (policy.require) {
    if (!policy.keys.empty()) {
      return absl::PermissionDeniedError(
          absl::StrCat("no accepted credential (--require-credentials): the TBF has no ECDSA P-256 "
                       "signature",
                       id.credential == tock::CredentialStatus::kHashVerified
                           ? " (a hash proves integrity, not who built it)"
                           : "",
                       "; sign it with `tbf create --sign-key KEY.pem`"));
    }
    if (id.credential == tock::CredentialStatus::kNone) {
      return absl::PermissionDeniedError(absl::StrCat(
          "no accepted credential (--require-credentials without --credential-key "
          "accepts a SHA-256/384/512 footer; this TBF has none",
          sig.signatures > 0 ? ", and a signature needs a --credential-key" : "", ")"));
    }
  }
  return id;
}

std::string DescribeCredential(const tock::AppIdentity& identity) {
  switch (identity.credential) {
    case tock::CredentialStatus::kSignatureVerified:
      return absl::StrCat("signed (key ", identity.key_index, ")");
    case tock::CredentialStatus::kHashVerified:
      return absl::StrCat("hash (", tock::tbf::CredentialFormatName(identity.credential_format),
                          ")");
    case tock::CredentialStatus::kNone:
      break;
  }
  return "none";
}

}  // namespace tock::hostkernel
