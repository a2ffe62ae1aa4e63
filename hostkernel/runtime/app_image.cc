// Reading TBF and TAB files for tockd; see app_image.h.
#include "hostkernel/runtime/app_image.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/runtime/escaped_name.h"
#include "kernel/tbf_loading.h"
#include "tbf-tools/tab.h"

namespace tock::hostkernel {
namespace {

constexpr size_t kTbfBaseHeaderBytes = 16;
constexpr size_t kTarMagicOffset = 257;
// Larger files are refused before they are read (the TBF total_size is 32-bit, but an app
// this large is not an app for tockd).
constexpr uint64_t kMaxAppFileBytes = 256u << 20;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string BaseName(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool IsTar(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= kTarMagicOffset + 5 &&
         std::memcmp(bytes.data() + kTarMagicOffset, "ustar", 5) == 0;
}

// Reads a whole regular file; the error is the reason in words.
absl::StatusOr<std::vector<uint8_t>> ReadWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("cannot open the file: ", strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return absl::InvalidArgumentError(absl::StrCat("cannot stat the file: ", strerror(err)));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::InvalidArgumentError(S_ISDIR(st.st_mode) ? "a directory, not an app file"
                                                          : "not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxAppFileBytes) {
    ::close(fd);
    return absl::InvalidArgumentError(
        absl::StrFormat("file of %d bytes is larger than any app tockd loads (%u MiB)", st.st_size,
                        static_cast<unsigned>(kMaxAppFileBytes >> 20)));
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      return absl::InvalidArgumentError(
          n == 0 ? std::string("the file shrank while it was read")
                 : absl::StrCat("cannot read the file: ", strerror(err)));
    }
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  return bytes;
}

void LoadTab(const std::string& path, const std::vector<uint8_t>& bytes, AppFile& out) {
  absl::StatusOr<tock::tbf::Tab> tab = tock::tbf::ReadTab(bytes);
  if (!tab.ok()) {
    out.refused.push_back(
        {path, "?", absl::StrCat("a TAB (tar) that cannot be read: ", tab.status().message())});
    return;
  }
  for (const char* arch : kHostArchitectures) {
    for (const tock::tbf::TabTbf* member : tock::tbf::TbfsForArch(*tab, arch)) {
      // A member's name comes from the bundle, so it is shown escaped (it is in every line
      // about the app).
      const std::string source = absl::StrCat(path, ":", EscapedName(member->member_name));
      auto image = MakeAppImage(source, member->bytes);
      if (!image.ok()) {
        out.refused.push_back({source, "?", std::string{image.status().message()}});
        continue;
      }
      (*image)->file_name = member->member_name;
      out.images.push_back(*std::move(image));
    }
  }
  if (out.images.empty() && out.refused.empty()) {
    std::vector<std::string> archs;
    for (const tock::tbf::TabTbf& t : tab->tbfs) {
      if (std::find(archs.begin(), archs.end(), t.arch) == archs.end()) {
        archs.push_back(t.arch);
      }
    }
    const std::string name = tab->metadata.name.empty() ? "?" : EscapedName(tab->metadata.name);
    out.refused.push_back(
        {path, name,
         archs.empty()
             ? std::string("wrong architecture: the bundle holds no TBF at all")
             : absl::StrCat("wrong architecture: the bundle has TBFs for ",
                            absl::StrJoin(archs, ", "), " only; this host runs x32 apps")});
  }
}

}  // namespace

void AppImage::SetPlaceholderName(std::string name) {
  placeholder_name = std::move(name);
  tbf.package_name = placeholder_name.data();
  tbf.package_name_len = static_cast<uint32_t>(placeholder_name.size());
}

absl::StatusOr<std::unique_ptr<AppImage>> MakeAppImage(std::string source,
                                                       std::vector<uint8_t> bytes) {
  if (bytes.empty()) {
    return absl::InvalidArgumentError("empty file, not a TBF");
  }
  if (bytes.size() >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' &&
      bytes[3] == 'F') {
    return absl::InvalidArgumentError(
        "an ELF file, not a TBF: convert it with `tbf create APP.elf -o APP.tbf --name NAME "
        "--fixed-addresses` (see tbf --help)");
  }
  if (IsTar(bytes)) {
    return absl::InvalidArgumentError("a TAB (tar) bundle, not a TBF");
  }
  if (bytes.size() < kTbfBaseHeaderBytes) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "file of %u bytes is too short for a TBF (its base header alone is %u bytes)", bytes.size(),
        kTbfBaseHeaderBytes));
  }
  auto image = std::make_unique<AppImage>();
  image->source = std::move(source);
  image->file_name = BaseName(image->source);
  image->bytes = std::move(bytes);
  const std::span<const uint8_t> span(image->bytes.data(), image->bytes.size());
  const tock::tbf::Result<tock::tbf::ProcessLoadInfo> parsed = tock::tbf::ParseForLoading(span);
  if (!parsed.ok()) {
    const tock::tbf::Error& e = parsed.error();
    return absl::InvalidArgumentError(absl::StrFormat(
        "malformed TBF: %s at byte %u (%s)", tock::tbf::ErrorKindName(e.kind), e.offset, e.field));
  }
  image->info = parsed.value();
  if (image->info.is_padding) {
    return absl::InvalidArgumentError("a padding TBF (no Main or Program header), not an app");
  }
  const tock::Result<tock::TbfDescription> described =
      tock::DescribeTbf(span, TOCK_HOST_FLASH_ADDR);
  if (!described.ok()) {
    return absl::InvalidArgumentError(
        "the kernel's loader cannot describe this TBF (no Main or Program header)");
  }
  image->tbf = described.value();
  return image;
}

AppFile LoadAppFile(const std::string& path) {
  AppFile out;
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadWholeFile(path);
  if (!bytes.ok()) {
    out.refused.push_back({path, "?", std::string{bytes.status().message()}});
    return out;
  }
  if (IsTar(*bytes)) {
    LoadTab(path, *bytes, out);
    return out;
  }
  const bool named_tab = EndsWith(path, ".tab");
  auto image = MakeAppImage(path, *std::move(bytes));
  if (!image.ok()) {
    std::string reason(image.status().message());
    if (named_tab) {
      reason = absl::StrCat("named .tab but not a tar bundle (no `ustar` at byte 257); as a TBF: ",
                            reason);
    }
    out.refused.push_back({path, "?", std::move(reason)});
    return out;
  }
  out.images.push_back(*std::move(image));
  return out;
}

}  // namespace tock::hostkernel
