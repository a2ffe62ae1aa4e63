// Credential policy at load (upstream's ProcessCheckerMachine with AppCheckerSignature, ECDSA
// P-256): which credential of an app's TBF footer tockd accepts, with the keys given by
// --credential-key and whether --require-credentials refuses apps without one. SHA-2 footers
// are checked before this (app_check.h); here they only count as the accepted credential when
// no key is configured (upstream's SHA-256 AppID board). Host only (OpenSSL).
#ifndef TOCKPP_HOSTKERNEL_LOADER_CREDENTIALS_H_
#define TOCKPP_HOSTKERNEL_LOADER_CREDENTIALS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "hostkernel/runtime/app_image.h"
#include "kernel/app_id.h"
#include "tbf-tools/signing.h"

namespace tock::hostkernel {

struct CredentialPolicy {
  std::vector<tock::tbf::EcdsaP256Key> keys;  // --credential-key, in the order given
  bool require = false;                       // --require-credentials
};

// Loads each PEM public key of a --credential-key value (paths separated by commas); an error
// names the file.
absl::Status AddCredentialKeys(std::string_view paths, CredentialPolicy& policy);

// The credential accepted for `image` (its AppIdentity's credential fields; short_id left as
// it is), or the reason it is refused: a signature no key verifies (when keys are given), or
// no accepted credential under --require-credentials.
absl::StatusOr<tock::AppIdentity> AcceptCredentials(const AppImage& image,
                                                    const CredentialPolicy& policy);

// "signed (key 0)", "hash (SHA-256)", "none": for logs and ps.
std::string DescribeCredential(const tock::AppIdentity& identity);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_LOADER_CREDENTIALS_H_
