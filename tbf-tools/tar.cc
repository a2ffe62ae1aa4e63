// tar format handling (see tar.h). Host only.
#include "tbf-tools/tar.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tbf {
namespace {

constexpr size_t kBlock = 512;

absl::StatusOr<uint64_t> ParseOctal(const uint8_t* p, size_t n, size_t at) {
  uint64_t v = 0;
  size_t i = 0;
  while (i < n && (p[i] == ' ' || p[i] == 0)) ++i;
  for (; i < n && p[i] >= '0' && p[i] <= '7'; ++i) {
    if (v > (uint64_t{1} << 40)) return absl::InvalidArgumentError("tar number too large");
    v = v * 8 + (p[i] - '0');
  }
  for (; i < n; ++i) {
    if (p[i] != ' ' && p[i] != 0) {
      return absl::InvalidArgumentError(absl::StrCat("bad octal field at byte ", at));
    }
  }
  return v;
}

std::string Field(const uint8_t* p, size_t n) {
  size_t len = 0;
  while (len < n && p[len] != 0) ++len;
  return std::string(reinterpret_cast<const char*>(p), len);
}

void PutOctal(uint8_t* p, size_t n, uint64_t v) {
  std::string s = absl::StrFormat("%0*o", static_cast<int>(n - 1), v);
  std::memcpy(p, s.data(), n - 1);
  p[n - 1] = 0;
}

}  // namespace

absl::StatusOr<std::vector<TarMember>> ReadTar(std::span<const uint8_t> a) {
  std::vector<TarMember> out;
  std::string long_name;
  size_t pos = 0;
  while (pos + kBlock <= a.size()) {
    const uint8_t* h = a.data() + pos;
    bool zero = true;
    for (size_t i = 0; i < kBlock && zero; ++i) zero = h[i] == 0;
    if (zero) return out;  // end-of-archive marker
    uint32_t sum = 0;
    for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : h[i];
    auto stored = ParseOctal(h + 148, 8, pos + 148);
    if (!stored.ok() || *stored != sum) {
      return absl::InvalidArgumentError(absl::StrCat("tar header checksum mismatch at byte ", pos));
    }
    auto size = ParseOctal(h + 124, 12, pos + 124);
    if (!size.ok()) return size.status();
    if (*size > a.size() - pos - kBlock) {
      return absl::InvalidArgumentError(absl::StrCat("tar member at byte ", pos, " truncated"));
    }
    std::string name = Field(h, 100);
    if (std::memcmp(h + 257, "ustar\0", 6) == 0 && h[345] != 0) {  // POSIX prefix field
      name = Field(h + 345, 155) + "/" + name;
    }
    const char type = static_cast<char>(h[156]);
    const uint8_t* data = h + kBlock;
    if (type == 'L') {  // GNU long name for the next member
      long_name = Field(data, static_cast<size_t>(*size));
    } else if (type == '0' || type == 0 || type == '7') {
      TarMember m;
      m.name = long_name.empty() ? name : long_name;
      m.data.assign(data, data + *size);
      out.push_back(std::move(m));
      long_name.clear();
    } else {
      long_name.clear();
    }
    pos += kBlock + (*size + kBlock - 1) / kBlock * kBlock;
  }
  if (pos != a.size()) return absl::InvalidArgumentError("tar archive ends mid-block");
  return out;  // tolerated: archive without the end-of-archive blocks
}

absl::StatusOr<std::vector<uint8_t>> WriteTar(const std::vector<TarMember>& members,
                                              uint32_t mtime) {
  std::vector<uint8_t> out;
  for (const TarMember& m : members) {
    if (m.name.empty() || m.name.size() > 99) {
      return absl::InvalidArgumentError(absl::StrCat("tar member name too long: ", m.name));
    }
    uint8_t h[kBlock] = {};
    std::memcpy(h, m.name.data(), m.name.size());
    PutOctal(h + 100, 8, 0644);
    PutOctal(h + 108, 8, 0);
    PutOctal(h + 116, 8, 0);
    PutOctal(h + 124, 12, m.data.size());
    PutOctal(h + 136, 12, mtime);
    std::memset(h + 148, ' ', 8);
    h[156] = '0';
    std::memcpy(h + 257, "ustar\0" "00", 8);
    uint32_t sum = 0;
    for (uint8_t b : h) sum += b;
    PutOctal(h + 148, 7, sum);
    h[155] = ' ';
    out.insert(out.end(), h, h + kBlock);
    out.insert(out.end(), m.data.begin(), m.data.end());
    out.resize((out.size() + kBlock - 1) / kBlock * kBlock, 0);
  }
  out.resize(out.size() + 2 * kBlock, 0);
  return out;
}

}  // namespace tbf
