// ByteReader: turns the fuzzer's input into small decisions (bytes, words, "interesting"
// values). Reading past the end yields zeros, so every input is a valid program. Header-only,
// freestanding (no heap); shared by the harness's op interpreter and by fuzz targets.
#ifndef TOCKPP_TESTS_FUZZ_BYTE_READER_H_
#define TOCKPP_TESTS_FUZZ_BYTE_READER_H_

#include <cstddef>
#include <cstdint>
#include <span>

namespace tock::fuzz {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  size_t remaining() const { return pos_ < size_ ? size_ - pos_ : 0; }

  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool Bool() { return (Byte() & 1) != 0; }
  uint16_t U16() { return static_cast<uint16_t>(Byte() | (Byte() << 8)); }
  uint32_t U32() { return static_cast<uint32_t>(U16()) | (static_cast<uint32_t>(U16()) << 16); }
  // Uniform-ish in [0, n) (n > 0).
  uint32_t Below(uint32_t n) { return n <= 256 ? Byte() % n : U32() % n; }

  // An argument word: small, 16-bit, full 32-bit or a boundary value, picked by a tag byte.
  uint32_t Arg() {
    static constexpr uint32_t kInteresting[] = {
        0,          1,          2,          3,          4,          7,          8,
        15,         16,         31,         32,         63,         64,         65,
        127,        128,        255,        256,        1024,       4096,       0x7FFF,
        0x8000,     0xFFFF,     0x10000,    0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF,
        0xFFFFFF00, 0x00FFFFFF, 0x20000000, 0x10000000};
    switch (Byte() & 3) {
      case 0:
        return Byte();
      case 1:
        return U16();
      case 2:
        return U32();
      default:
        return kInteresting[Byte() % (sizeof(kInteresting) / sizeof(kInteresting[0]))];
    }
  }

  // Up to `max` raw bytes (length chosen by the input).
  std::span<const uint8_t> Bytes(size_t max) {
    size_t n = Byte() % (max + 1);
    if (n > remaining()) {
      n = remaining();
    }
    std::span<const uint8_t> out(data_ + pos_, n);
    pos_ += n;
    return out;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

}  // namespace tock::fuzz

#endif  // TOCKPP_TESTS_FUZZ_BYTE_READER_H_
