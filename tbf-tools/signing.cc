// ECDSA P-256 credentials on OpenSSL 3's EVP interface; see signing.h.
#include "tbf-tools/signing.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/types.h"

namespace tock::tbf {

struct EcdsaP256Key::Impl {
  EVP_PKEY* pkey = nullptr;
  ~Impl() { EVP_PKEY_free(pkey); }
};

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
void FreeBio(BIO* b) { BIO_free(b); }
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, FreeBio>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using SigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

// The reason OpenSSL gave last, or `fallback`; clears OpenSSL's error queue.
std::string OpensslReason(const char* fallback) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) {
    return fallback;
  }
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? reason : fallback;
}

}  // namespace

absl::StatusOr<EcdsaP256Key> EcdsaP256Key::LoadPem(const std::string& path) {
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadRegularFile(path);
  if (!bytes.ok()) {
    return bytes.status();
  }
  return FromPem(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()),
                 path);
}

absl::StatusOr<EcdsaP256Key> EcdsaP256Key::FromPem(std::string_view pem, const std::string& label) {
  EcdsaP256Key key;
  key.label_ = label;
  key.impl_ = std::make_shared<Impl>();
  bool is_private = pem.find("PRIVATE KEY-----") != std::string_view::npos;
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return absl::InternalError("out of memory reading the key");
  }
  key.impl_->pkey = is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                               : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key.impl_->pkey == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("not a PEM ", is_private ? "private" : "public",
                                                   " key (", OpensslReason("no key found"), ")"));
  }
  char group[64] = {};
  size_t group_len = 0;
  if (!EVP_PKEY_is_a(key.impl_->pkey, "EC") ||
      EVP_PKEY_get_utf8_string_param(key.impl_->pkey, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                     sizeof(group), &group_len) != 1 ||
      std::strcmp(group, "prime256v1") != 0) {
    ERR_clear_error();
    return absl::InvalidArgumentError(
        absl::StrCat("not an ECDSA P-256 (prime256v1) key",
                     group[0] != '\0' ? absl::StrCat(": curve ", group) : ""));
  }
  uint8_t point[65] = {};
  size_t point_len = 0;
  if (EVP_PKEY_get_octet_string_param(key.impl_->pkey, OSSL_PKEY_PARAM_PUB_KEY, point,
                                      sizeof(point), &point_len) != 1 ||
      point_len != 65 || point[0] != 0x04) {
    // Compressed points are re-encoded by asking for the uncompressed form.
    EVP_PKEY_set_utf8_string_param(key.impl_->pkey, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                   "uncompressed");
    if (EVP_PKEY_get_octet_string_param(key.impl_->pkey, OSSL_PKEY_PARAM_PUB_KEY, point,
                                        sizeof(point), &point_len) != 1 ||
        point_len != 65) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot read the public point (", OpensslReason("bad key"), ")"));
    }
  }
  std::memcpy(key.point_.data(), point + 1, 64);
  key.has_private_ = is_private;
  return key;
}

bool EcdsaP256Key::Verify(std::span<const uint8_t> message,
                          std::span<const uint8_t> signature) const {
  if (signature.size() != kEcdsaP256SignatureSize) {
    return false;
  }
  SigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(signature.data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(signature.data() + 32, 32, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_len = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_len <= 0) {
    return false;
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok =
      ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->pkey) == 1 &&
      EVP_DigestVerify(ctx.get(), der, static_cast<size_t>(der_len), message.data(),
                       message.size()) == 1;
  OPENSSL_free(der);
  ERR_clear_error();
  return ok;
}

absl::StatusOr<EcdsaP256Signature> EcdsaP256Key::Sign(std::span<const uint8_t> message) const {
  if (!has_private_) {
    return absl::InvalidArgumentError("a public key cannot sign (give the private key)");
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t der_len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->pkey) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &der_len, message.data(), message.size()) != 1) {
    return absl::InternalError(absl::StrCat("signing failed (", OpensslReason("?"), ")"));
  }
  std::vector<unsigned char> der(der_len);
  if (EVP_DigestSign(ctx.get(), der.data(), &der_len, message.data(), message.size()) != 1) {
    return absl::InternalError(absl::StrCat("signing failed (", OpensslReason("?"), ")"));
  }
  const unsigned char* p = der.data();
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
  if (!sig) {
    return absl::InternalError("signing produced no ECDSA signature");
  }
  EcdsaP256Signature out{};
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out.data(), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out.data() + 32, 32) != 32) {
    return absl::InternalError("signature values out of range");
  }
  return out;
}

absl::Status SignTbf(std::vector<uint8_t>& tbf, const EcdsaP256Key& key) {
  Result<TbfHeader> header = ParseTbf(tbf);
  if (!header.ok()) {
    return absl::InvalidArgumentError("cannot sign: the TBF does not parse");
  }
  const TbfHeader& h = header.value();
  const std::span<const uint8_t> covered(tbf.data(), h.binary_end_offset());
  absl::StatusOr<EcdsaP256Signature> sig = key.Sign(covered);
  if (!sig.ok()) {
    return sig.status();
  }
  int filled = 0;
  for (uint8_t i = 0; i < h.credential_count; ++i) {
    const Credential& c = h.credentials[i];
    if (c.format == static_cast<uint32_t>(CredentialFormat::kEcdsaNistP256)) {
      std::memcpy(tbf.data() + c.offset + 8, sig->data(), sig->size());
      ++filled;
    }
  }
  if (filled == 0) {
    return absl::InvalidArgumentError("cannot sign: the TBF has no EcdsaNistP256 credential");
  }
  return absl::OkStatus();
}

SignatureCheck CheckSignatures(std::span<const uint8_t> image, const TbfHeader& header,
                               std::span<const EcdsaP256Key> keys) {
  SignatureCheck check;
  if (header.binary_end_offset() > image.size()) {
    return check;
  }
  const std::span<const uint8_t> covered = image.first(header.binary_end_offset());
  for (uint8_t i = 0; i < header.credential_count; ++i) {
    const Credential& c = header.credentials[i];
    if (c.format != static_cast<uint32_t>(CredentialFormat::kEcdsaNistP256)) {
      continue;
    }
    ++check.signatures;
    bool verified = false;
    for (size_t k = 0; k < keys.size() && !verified; ++k) {
      if (keys[k].Verify(covered, c.data)) {
        verified = true;
        if (check.key_index < 0) {
          check.key_index = static_cast<int>(k);
        }
      }
    }
    if (verified) {
      ++check.verified;
    } else if (check.failed_offset == 0) {
      check.failed_offset = c.offset + 8;
    }
  }
  return check;
}

}  // namespace tock::tbf
