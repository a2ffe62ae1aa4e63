// Reading TBF and TAB files for tockd; see app_image.h.
#include "hostkernel/runtime/app_image.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hostkernel/abi/tock_channel.h"
#include "kernel/tbf_loading.h"
#include "tbf-tools/lib/process_load_info.h"
#include "tbf-tools/tab.h"

namespace tockpp::hostkernel {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AppImage>> MakeAppImage(std::string source,
                                                       std::vector<uint8_t> bytes) {
  auto image = std::make_unique<AppImage>();
  image->source = std::move(source);
  image->bytes = std::move(bytes);
  const tbf::Result<tbf::ProcessLoadInfo> parsed =
      tbf::ParseForLoading(std::span<const uint8_t>(image->bytes.data(), image->bytes.size()));
  if (!parsed.ok()) {
    const tbf::Error& e = parsed.error();
    return absl::InvalidArgumentError(absl::StrFormat("%s: malformed TBF: %s at byte %u (%s)",
                                                      image->source, tbf::ErrorKindName(e.kind),
                                                      e.offset, e.field));
  }
  const tbf::ProcessLoadInfo& info = parsed.value();
  if (info.is_padding) {
    return absl::InvalidArgumentError(
        absl::StrCat(image->source, ": a padding TBF (no Main or Program header), not an app"));
  }
  // The fixed flash address names the binary; the TBF header sits right below it.
  const uint32_t protected_size = info.header_size + info.protected_trailer_size;
  if (info.has_fixed_flash && info.fixed_flash_address < protected_size + 0x10000u) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s: fixed flash address 0x%08x is too low for a host process",
                        image->source, info.fixed_flash_address));
  }
  const uint32_t flash_address =
      info.has_fixed_flash ? info.fixed_flash_address - protected_size : TOCK_HOST_FLASH_ADDR;
  const tock::Result<tock::TbfDescription> described = tock::DescribeTbf(
      std::span<const uint8_t>(image->bytes.data(), image->bytes.size()), flash_address);
  if (!described.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(image->source, ": the kernel cannot load this TBF"));
  }
  image->tbf = described.value();
  return image;
}

absl::StatusOr<std::vector<std::unique_ptr<AppImage>>> LoadAppFile(const std::string& path) {
  std::vector<std::unique_ptr<AppImage>> images;
  if (EndsWith(path, ".tab")) {
    absl::StatusOr<tbf::Tab> tab = tbf::ReadTabFile(path);
    if (!tab.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", tab.status().message()));
    }
    for (const char* arch : kHostArchitectures) {
      for (const tbf::TabTbf* member : tbf::TbfsForArch(*tab, arch)) {
        auto image = MakeAppImage(absl::StrCat(path, ":", member->member_name), member->bytes);
        if (!image.ok()) return image.status();
        images.push_back(*std::move(image));
      }
    }
    if (images.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": no TBF for this host (x32) in the bundle"));
    }
    return images;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open app file: ", strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not a regular file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open app file"));
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read app file"));
  }
  auto image = MakeAppImage(path, std::move(bytes));
  if (!image.ok()) return image.status();
  images.push_back(*std::move(image));
  return images;
}

}  // namespace tockpp::hostkernel
