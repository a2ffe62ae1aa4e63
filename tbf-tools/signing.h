// ECDSA P-256 TBF credentials (footer format 6, EcdsaNistP256), host only, on OpenSSL's
// libcrypto. As upstream's AppCheckerSignature (capsules/system/src/process_checker/
// signature.rs) with ecdsa_sw's P-256 verifier: the signature covers the integrity region, TBF
// bytes [0, binary_end_offset) (header, protected trailer, binary; not the footers), hashed
// with SHA-256; the credential data is r then s, 32 big-endian bytes each. Keys are PEM files
// (what `openssl ecparam -name prime256v1 -genkey` / `openssl ec -pubout` write, and the
// tockloader `--private-key` format).
#ifndef TOCKPP_TBF_TOOLS_SIGNING_H_
#define TOCKPP_TBF_TOOLS_SIGNING_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

inline constexpr size_t kEcdsaP256SignatureSize = 64;
using EcdsaP256Signature = std::array<uint8_t, kEcdsaP256SignatureSize>;

// A P-256 key read from a PEM file: a public key verifies; a private key signs and verifies.
class EcdsaP256Key {
 public:
  // "PUBLIC KEY", "EC PRIVATE KEY" or "PRIVATE KEY" PEM; other curves and types are refused.
  static absl::StatusOr<EcdsaP256Key> LoadPem(const std::string& path);
  static absl::StatusOr<EcdsaP256Key> FromPem(std::string_view pem, const std::string& label);

  const std::string& label() const { return label_; }  // the path, for messages
  bool has_private() const { return has_private_; }
  // The 64-byte x||y point, as upstream boards store verifying keys.
  const std::array<uint8_t, 64>& public_point() const { return point_; }

  bool Verify(std::span<const uint8_t> message, std::span<const uint8_t> signature) const;
  absl::StatusOr<EcdsaP256Signature> Sign(std::span<const uint8_t> message) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
  std::string label_;
  bool has_private_ = false;
  std::array<uint8_t, 64> point_{};
};

// Fills the data of every EcdsaNistP256 credential of the TBF at the start of `tbf` with a
// signature by `key` (which must be private).
absl::Status SignTbf(std::vector<uint8_t>& tbf, const EcdsaP256Key& key);

struct SignatureCheck {
  int signatures = 0;  // EcdsaNistP256 credentials in the footer
  int verified = 0;    // of those, verified by one of the keys
  int key_index = -1;  // the key that verified the first verified signature
  // The first signature no key verified: its credential's data offset (0: none failed).
  uint32_t failed_offset = 0;
};

// Checks every EcdsaNistP256 credential of `header` (parsed from `image`) against `keys`.
SignatureCheck CheckSignatures(std::span<const uint8_t> image, const TbfHeader& header,
                               std::span<const EcdsaP256Key> keys);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_SIGNING_H_
