// Host load checks; see app_check.h.
#include "hostkernel/loader/app_check.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/runtime/escaped_name.h"
#include "hostkernel/status/status_macros.h"
#include "kernel/kernel_version.h"
#include "tbf-tools/lib/integrity.h"
#include "tbf-tools/lib/parser.h"

namespace tock::hostkernel {
namespace {

constexpr uint32_t kPage = 4096;

uint64_t PageCeil64(uint64_t v) { return (v + kPage - 1) & ~uint64_t{kPage - 1}; }

bool AllOf(std::string_view s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [pred](char c) {
    return pred(static_cast<unsigned char>(c)) != 0;
  });
}

// "4", "0p", "7em": digits, then lower-case letters.
bool DigitsThenLetters(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
  }
  if (i == 0) {
    return false;
  }
  for (; i < s.size(); ++i) {
    if (!std::islower(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

// cortex-m0, cortex-m0p, cortex-m33, thumbv7em, armv7m, rv32imc, rv64gc, x32, x86_64, ...
bool IsArchName(std::string_view piece) {
  if (piece == "x32" || piece == "x86_64" || piece == "x86" || piece == "i386") {
    return true;
  }
  for (std::string_view prefix : {"cortex-m", "thumbv", "armv"}) {
    if (piece.substr(0, prefix.size()) == prefix &&
        DigitsThenLetters(piece.substr(prefix.size()))) {
      return true;
    }
  }
  for (std::string_view prefix : {"rv32", "rv64"}) {
    if (piece.size() > prefix.size() && piece.substr(0, prefix.size()) == prefix &&
        AllOf(piece.substr(prefix.size()), ::islower)) {
      return true;
    }
  }
  return false;
}

bool IsHostArch(std::string_view arch) {
  for (const char* host : kHostArchitectures) {
    if (arch == host) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> ArchFromFileName(std::string_view file_name) {
  std::vector<absl::string_view> pieces =
      absl::StrSplit(absl::string_view(file_name.data(), file_name.size()), '.');
  for (absl::string_view piece : pieces) {
    if (IsArchName(std::string_view(piece.data(), piece.size()))) {
      return std::string{piece};
    }
  }
  return std::nullopt;
}

uint64_t HostRamFor(const AppImage& image) {
  const uint64_t app_part = PageCeil64(std::max<uint64_t>(image.info.minimum_ram_size, kPage));
  return app_part + kPage;
}

namespace {

// Stricter than upstream, which does not compare regions: two writeable flash regions that
// overlap are a broken header, not an app.
absl::Status CheckWriteableRegions(const tock::TbfDescription& d,
                                   const tock::tbf::ProcessLoadInfo& info,
                                   uint64_t protected_size) {
  for (uint32_t i = 0; i < d.num_writeable_regions; ++i) {
    const tock::WriteableFlashRegion& r = d.writeable_regions[i];
    if (r.size != 0 &&
        (r.offset < protected_size || uint64_t{r.offset} + r.size > info.flash_size)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "writeable flash region %u (bytes %u-%u) is not inside the app binary (bytes %u-%u; "
          "the header and protected trailer are never writeable)",
          i, r.offset, uint64_t{r.offset} + r.size, protected_size, info.flash_size));
    }
    for (uint32_t j = i + 1; j < d.num_writeable_regions; ++j) {
      const tock::WriteableFlashRegion& a = d.writeable_regions[i];
      const tock::WriteableFlashRegion& b = d.writeable_regions[j];
      if (uint64_t{a.offset} < uint64_t{b.offset} + b.size &&
          uint64_t{b.offset} < uint64_t{a.offset} + a.size) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "writeable flash regions %u (bytes %u-%u) and %u (bytes %u-%u) overlap", i, a.offset,
            uint64_t{a.offset} + a.size, j, b.offset, uint64_t{b.offset} + b.size));
      }
    }
  }
  return absl::OkStatus();
}

// Hash credentials (SHA-256/384/512 footers) must match the image, as upstream's checkers
// require; signatures cannot be checked without keys and are not a reason to refuse.
absl::Status CheckHashCredentials(const AppImage& image) {
  if (!image.bytes.empty()) {
    const std::span<const uint8_t> bytes(image.bytes.data(), image.bytes.size());
    if (tock::tbf::Result<tock::tbf::TbfHeader> header = tock::tbf::ParseTbf(bytes); header.ok()) {
      if (tock::tbf::Result<tock::tbf::IntegrityReport> report =
              tock::tbf::CheckIntegrity(bytes, header.value());
          !report.ok()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("%s at byte %u (%s): the image was changed after its hash "
                            "was computed",
                            tock::tbf::ErrorKindName(report.error().kind), report.error().offset,
                            report.error().field));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckHostApp(const AppImage& image, const HostLoadLimits& limits) {
  const tock::tbf::ProcessLoadInfo& info = image.info;
  // Architecture: a name that says so, then what the header shows.
  if (std::optional<std::string> arch = ArchFromFileName(image.file_name);
      arch && !IsHostArch(*arch)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "wrong architecture: built for %s (the file is named '%s'); this host runs x32 apps", *arch,
        EscapedName(image.file_name)));
  }
  if (info.has_kernel_version &&
      !tock::KernelVersionAccepts(info.kernel_major, info.kernel_minor)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "built for Tock kernel %u.%u; tockd is Tock %u.%u (an app needs the same major version "
        "and a minor version no newer)",
        info.kernel_major, info.kernel_minor, tock::kKernelVersionMajor,
        tock::kKernelVersionMinor));
  }
  const uint64_t protected_size = uint64_t{info.header_size} + info.protected_trailer_size;
  if (protected_size > info.flash_size) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "protected region (header %u + trailer %u bytes) is larger than the TBF (total_size %u)",
        info.header_size, info.protected_trailer_size, info.flash_size));
  }
  const uint64_t entry = uint64_t{info.header_size} + info.init_fn_offset;
  if (entry % 2 != 0) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "wrong architecture: odd entry offset 0x%x (a Thumb/Cortex-M entry; this host runs x32 "
        "apps)",
        info.init_fn_offset));
  }
  if (entry % 4 != 0) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "entry offset 0x%x is not 4-byte aligned (x32 app entry points are; this one would start "
        "in the middle of an instruction)",
        info.init_fn_offset));
  }
  if (entry < protected_size) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "entry point at byte %u lies in the protected region (header and trailer end at byte "
        "%u), not in the app binary",
        entry, protected_size));
  }
  const uint32_t binary_end = info.binary_end_offset != 0
                                  ? std::min(info.binary_end_offset, info.flash_size)
                                  : info.flash_size;
  if (entry >= binary_end) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "entry point at byte %u is past the end of the app binary (byte %u)", entry, binary_end));
  }
  if (!info.has_fixed_flash) {
    return absl::InvalidArgumentError(
        "no fixed flash address: host apps are linked at a fixed address (`tbf create "
        "--fixed-addresses`); a TBF without one is position-independent code for a board "
        "(Cortex-M or RISC-V)");
  }
  {
    const uint64_t expected = uint64_t{TOCK_HOST_FLASH_ADDR} + protected_size;
    if (info.fixed_flash_address != expected) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "fixed flash address 0x%08x does not match where this host puts the app binary: "
          "0x%08x (the TBF at 0x%08x + its %u-byte protected region)",
          info.fixed_flash_address, expected, TOCK_HOST_FLASH_ADDR, protected_size));
    }
  }
  TOCKPP_RETURN_IF_ERROR(CheckWriteableRegions(image.tbf, info, protected_size));
  TOCKPP_RETURN_IF_ERROR(CheckHashCredentials(image));
  if (info.minimum_ram_size > limits.max_app_ram) {
    return absl::ResourceExhaustedError(
        absl::StrFormat("RAM request of %u bytes is over the per-app limit of %u (--app-ram-max)",
                        info.minimum_ram_size, limits.max_app_ram));
  }
  const uint64_t ram_size = HostRamFor(image);
  if (ram_size > kHostProcessRamCeiling) {
    return absl::ResourceExhaustedError(
        absl::StrFormat("RAM request of %u bytes is over the host's limit for one process (%u)",
                        info.minimum_ram_size, kHostProcessRamCeiling));
  }
  if (info.has_fixed_ram && info.fixed_ram_address != TOCK_HOST_RAM_ADDR) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "fixed RAM address 0x%08x does not match where this host puts app RAM (0x%08x); the app "
        "was linked for another board or its header was changed",
        info.fixed_ram_address, TOCK_HOST_RAM_ADDR));
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> ParseByteSize(std::string_view text) {
  uint64_t scale = 1;
  std::string_view digits = text;
  if (!digits.empty()) {
    switch (std::toupper(static_cast<unsigned char>(digits.back()))) {
      case 'K':
        scale = 1u << 10;
        break;
      case 'M':
        scale = 1u << 20;
        break;
      case 'G':
        scale = 1u << 30;
        break;
      default:
        break;
    }
    if (scale != 1) {
      digits.remove_suffix(1);
    }
  }
  uint64_t value = 0;
  if (digits.empty() || !AllOf(digits, ::isdigit) ||
      !absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()), &value) ||
      value > (uint64_t{1} << 40) / scale) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "'%s' is not a size in bytes (e.g. 65536, 512K, 8M, 1G)", std::string(text)));
  }
  return value * scale;
}

}  // namespace tock::hostkernel
