// Host load checks; see app_check.h.
#include "hostkernel/loader/app_check.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hostkernel/abi/tock_channel.h"

namespace tockpp::hostkernel {
namespace {

constexpr uint32_t kPage = 4096;
// The host's app address space, as hostkernel/process/app_memory.cc lays it out: regions stay
// above 0x10000 and below 0xF0000000, clear of the syscall channel page and the launcher.
constexpr uint64_t kAppSpaceLow = 0x10000;
constexpr uint64_t kAppSpaceEnd = 0xF0000000u;
constexpr uint64_t kLauncherLow = 0x08048000u, kLauncherHigh = 0x08100000u;

uint64_t PageCeil64(uint64_t v) { return (v + kPage - 1) & ~uint64_t{kPage - 1}; }

bool Overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen) {
  return a < b + blen && b < a + alen;
}

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

absl::Status CheckHostApp(const AppImage& image, const HostLoadLimits& limits) {
  const tbf::ProcessLoadInfo& info = image.info;
  // Architecture: a name that says so, then what the header shows.
  if (std::optional<std::string> arch = ArchFromFileName(image.file_name);
      arch && !IsHostArch(*arch)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "wrong architecture: built for %s (the file is named '%s'); this host runs x32 apps", *arch,
        image.file_name));
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
  if (info.has_fixed_flash) {
    const uint64_t expected = uint64_t{TOCK_HOST_FLASH_ADDR} + protected_size;
    if (info.fixed_flash_address != expected) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "fixed flash address 0x%08x does not match where this host puts the app binary: "
          "0x%08x (the TBF at 0x%08x + its %u-byte protected region)",
          info.fixed_flash_address, expected, TOCK_HOST_FLASH_ADDR, protected_size));
    }
  }
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
  if (info.has_fixed_ram) {
    const uint64_t ram = info.fixed_ram_address;
    if (ram % kPage != 0) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "fixed RAM address 0x%08x is not page aligned (the host's memory protection works in "
          "%u-byte pages)",
          ram, kPage));
    }
    const uint64_t flash_len = PageCeil64(info.flash_size);
    const char* clash = nullptr;
    if (ram < kAppSpaceLow || ram + ram_size > kAppSpaceEnd) {
      clash = "lies outside the host's app address space (0x00010000-0xf0000000)";
    } else if (Overlaps(ram, ram_size, TOCK_HOST_FLASH_ADDR, flash_len)) {
      clash = "overlaps the app's flash";
    } else if (Overlaps(ram, ram_size, TOCK_HOST_CHANNEL_ADDR, kPage)) {
      clash = "overlaps the syscall channel page";
    } else if (Overlaps(ram, ram_size, kLauncherLow, kLauncherHigh - kLauncherLow)) {
      clash = "overlaps the launcher";
    }
    if (clash != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrFormat("fixed RAM 0x%08x-0x%08x %s (host apps use RAM from 0x%08x)", ram,
                          ram + ram_size, clash, TOCK_HOST_RAM_ADDR));
    }
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

}  // namespace tockpp::hostkernel
