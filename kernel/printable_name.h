// Package names as text that is safe to print: a TBF's name is untrusted bytes, so every byte
// outside printable ASCII (0x20..0x7e) is shown as \xNN (lower-case hex) and a backslash as \\.
// The result never contains a newline, escape sequence or invalid UTF-8, so a name cannot
// inject lines into a log, the console or a control reply. Freestanding, no heap: callers give
// the buffer (EscapeName) or use the fixed-size PrintableName. Upstream prints names raw.
#ifndef TOCKPP_KERNEL_PRINTABLE_NAME_H_
#define TOCKPP_KERNEL_PRINTABLE_NAME_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tock {

// Writes the escaped form of one byte into `out` (room for 4); returns 1, 2 or 4.
constexpr size_t EscapeNameByte(uint8_t c, char* out) {
  constexpr char kHex[] = "0123456789abcdef";
  if (c == '\\') {
    out[0] = '\\';
    out[1] = '\\';
    return 2;
  }
  if (c >= 0x20 && c <= 0x7e) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  out[0] = '\\';
  out[1] = 'x';
  out[2] = kHex[c >> 4];
  out[3] = kHex[c & 0xf];
  return 4;
}

// Length of the whole escaped form of `name`.
constexpr size_t EscapedNameLength(std::string_view name) {
  size_t n = 0;
  char unit[4] = {};
  for (char c : name) {
    n += EscapeNameByte(static_cast<uint8_t>(c), unit);
  }
  return n;
}

// Writes the escaped form of `name` into `out` (no NUL) and returns the number of chars
// written. An escape is never split: when the whole form does not fit, the text is cut at an
// escape boundary and ends in "..." (if `out` has room for it).
constexpr size_t EscapeName(std::string_view name, std::span<char> out) {
  const bool fits = EscapedNameLength(name) <= out.size();
  const size_t limit = fits ? out.size() : (out.size() >= 3 ? out.size() - 3 : 0);
  size_t used = 0;
  char unit[4] = {};
  for (char c : name) {
    const size_t n = EscapeNameByte(static_cast<uint8_t>(c), unit);
    if (used + n > limit) {
      break;
    }
    for (size_t i = 0; i < n; ++i) {
      out[used++] = unit[i];
    }
  }
  if (!fits) {
    for (size_t i = 0; i < 3 && used < out.size(); ++i) {
      out[used++] = '.';
    }
  }
  return used;
}

// A name escaped into a fixed buffer (longer escaped forms end in "..."), for freestanding
// code that prints names: PrintableName(p.name(), p.name_length()).view().
class PrintableName {
 public:
  static constexpr size_t kCapacity = 64;

  constexpr PrintableName(const char* name, size_t length)
      : length_(EscapeName(name == nullptr ? std::string_view() : std::string_view(name, length),
                           std::span<char>(text_, kCapacity))) {}
  constexpr std::string_view view() const { return std::string_view(text_, length_); }

 private:
  char text_[kCapacity] = {};
  size_t length_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_PRINTABLE_NAME_H_
