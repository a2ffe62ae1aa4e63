// Cross-checks the freestanding SHA-256/384/512 against OpenSSL's libcrypto on pseudo-random
// inputs of every length 0..600 and some longer ones, fed whole and in random-sized pieces.
#include <openssl/evp.h>

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "gtest/gtest.h"
#include "tbf-tools/lib/sha2.h"

namespace tock::tbf {
namespace {

std::vector<uint8_t> OpenSslDigest(const EVP_MD* md, std::span<const uint8_t> data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EXPECT_EQ(EVP_Digest(data.data(), data.size(), out, &len, md, nullptr), 1);
  return std::vector<uint8_t>(out, out + len);
}

// Feeds `data` to `hash` in random-sized pieces (including empty ones) when `split`.
template <typename Hash>
void Feed(Hash& hash, std::span<const uint8_t> data, bool split, std::mt19937& rng) {
  if (!split) {
    hash.Update(data);
    return;
  }
  while (!data.empty()) {
    const size_t n = std::uniform_int_distribution<size_t>(0, 200)(rng) % (data.size() + 1);
    hash.Update(data.first(n));
    data = data.subspan(n);
  }
}

std::vector<size_t> Lengths() {
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 600; ++n) {
    lengths.push_back(n);
  }
  for (size_t n : {1023, 1024, 1025, 4095, 4096, 4097, 65535, 65536, 100003}) {
    lengths.push_back(n);
  }
  return lengths;
}

TEST(Sha2OpenSslTest, AllThreeMatchOpenSslOnRandomInputs) {
  std::mt19937 rng(21);
  for (size_t len : Lengths()) {
    std::vector<uint8_t> data(len);
    for (uint8_t& b : data) {
      b = static_cast<uint8_t>(rng());
    }
    for (bool split : {false, true}) {
      Sha256 s256;
      Feed(s256, data, split, rng);
      auto d256 = s256.Finish();
      EXPECT_EQ(std::vector<uint8_t>(d256.begin(), d256.end()), OpenSslDigest(EVP_sha256(), data))
          << "SHA-256, length " << len << (split ? ", split" : "");

      Sha512 s384(/*sha384=*/true);
      Feed(s384, data, split, rng);
      auto d384 = s384.Finish();
      EXPECT_EQ(std::vector<uint8_t>(d384.begin(), d384.begin() + 48),
                OpenSslDigest(EVP_sha384(), data))
          << "SHA-384, length " << len << (split ? ", split" : "");

      Sha512 s512;
      Feed(s512, data, split, rng);
      auto d512 = s512.Finish();
      EXPECT_EQ(std::vector<uint8_t>(d512.begin(), d512.end()), OpenSslDigest(EVP_sha512(), data))
          << "SHA-512, length " << len << (split ? ", split" : "");
    }
  }
}

}  // namespace
}  // namespace tock::tbf
