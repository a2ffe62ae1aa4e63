// SHA-256, SHA-384 and SHA-512 (FIPS 180-4), streaming, freestanding: no heap, fixed state.
// Used to compute and check TBF integrity credentials over [0, binary_end_offset).
#ifndef TOCKPP_TBF_TOOLS_LIB_SHA2_H_
#define TOCKPP_TBF_TOOLS_LIB_SHA2_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace tock::tbf {

class Sha256 {
 public:
  static constexpr size_t kDigestSize = 32;
  Sha256();
  void Update(std::span<const uint8_t> data);
  std::array<uint8_t, kDigestSize> Finish();

 private:
  void Block(const uint8_t* block);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_len_ = 0;
};

// SHA-512 core; SHA-384 is the same with other initial values and a truncated output.
class Sha512 {
 public:
  static constexpr size_t kDigestSize = 64;
  explicit Sha512(bool sha384 = false);
  void Update(std::span<const uint8_t> data);
  // Writes 64 bytes (SHA-512) or 48 bytes (SHA-384, rest zero).
  std::array<uint8_t, kDigestSize> Finish();

 private:
  void Block(const uint8_t* block);
  uint64_t h_[8];
  uint8_t buf_[128];
  size_t buf_len_ = 0;
  uint64_t total_len_ = 0;
  bool is384_ = false;
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_LIB_SHA2_H_
