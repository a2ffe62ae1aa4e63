// FileFlash implementation: the header check/format and lock at Open, whole-page pread/pwrite
// after the header with posted completions.
#include "hostkernel/peripherals/file_flash.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {

using ::tock::ErrorCode;
using ::tock::Result;

namespace {
bool PreadAll(int fd, uint8_t* buf, size_t len, off_t off) {
  while (len > 0) {
    ssize_t n = ::pread(fd, buf, len, off);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    buf += n;
    len -= static_cast<size_t>(n);
    off += n;
  }
  return true;
}
bool PwriteAll(int fd, const uint8_t* buf, size_t len, off_t off) {
  while (len > 0) {
    ssize_t n = ::pwrite(fd, buf, len, off);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    buf += n;
    len -= static_cast<size_t>(n);
    off += n;
  }
  return true;
}
absl::Status ErrnoError(absl::StatusCode code, const char* what) {
  return absl::Status(code, absl::StrCat(what, ": ", std::strerror(errno)));
}

absl::Status NotRegular(mode_t m) {
  const char* kind = S_ISDIR(m)    ? "a directory"
                     : S_ISFIFO(m) ? "a fifo"
                     : S_ISCHR(m)  ? "a character device"
                     : S_ISBLK(m)  ? "a block device"
                     : S_ISSOCK(m) ? "a socket"
                                   : "a special file";
  return absl::FailedPreconditionError(absl::StrCat("is ", kind, ", not a regular file"));
}

void PutLe(uint8_t* p, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    p[i] = static_cast<uint8_t>(v >> (8 * i));
  }
}
uint64_t GetLe(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  }
  return v;
}

// Field offsets of the encoded header (FLASH_FILE.md).
constexpr size_t kOffVersion = 8;
constexpr size_t kOffHeaderSize = 12;
constexpr size_t kOffPageSize = 16;
constexpr size_t kOffPageCount = 20;
constexpr size_t kOffDataSize = 24;
constexpr size_t kOffReserved = 32;
constexpr size_t kOffCrc = 36;
static_assert(kOffCrc + 4 == FlashFileHeader::kEncodedBytes);

// Truncates and writes a fresh header followed by erased (0xFF) pages, then syncs once.
absl::Status Format(int fd, const FlashFileHeader& h) {
  if (::ftruncate(fd, 0) != 0) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot truncate");
  }
  std::vector<uint8_t> head(h.header_size, 0);
  const auto encoded = h.Encode();
  std::memcpy(head.data(), encoded.data(), encoded.size());
  if (!PwriteAll(fd, head.data(), head.size(), 0)) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot write the header");
  }
  std::vector<uint8_t> ff(size_t{64} * 1024, 0xFF);
  for (uint64_t off = 0; off < h.data_size;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(ff.size(), h.data_size - off));
    if (!PwriteAll(fd, ff.data(), n, static_cast<off_t>(h.header_size + off))) {
      return ErrnoError(absl::StatusCode::kInternal, "cannot write erased pages");
    }
    off += n;
  }
  if (::fdatasync(fd) != 0 && errno != EINVAL) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot sync");
  }
  return absl::OkStatus();
}

// An existing file must be exactly a header for `want` and the pages it describes.
absl::Status CheckContent(int fd, uint64_t size, const FlashFileHeader& want) {
  if (size == 0) {
    return absl::DataLossError("is empty (0 bytes), not a tockpp flash file");
  }
  if (size < FlashFileHeader::kEncodedBytes) {
    return absl::DataLossError(absl::StrCat(
        "is only ", size, " bytes, too short for a tockpp flash header (truncated or garbage)"));
  }
  std::array<uint8_t, FlashFileHeader::kEncodedBytes> raw{};
  if (!PreadAll(fd, raw.data(), raw.size(), 0)) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot read the header");
  }
  absl::StatusOr<FlashFileHeader> have = FlashFileHeader::Decode(raw);
  TOCKPP_RETURN_IF_ERROR(have.status());
  if (have->page_size != want.page_size || have->page_count != want.page_count ||
      have->header_size != want.header_size) {
    return absl::DataLossError(absl::StrCat(
        "holds ", have->page_count, " pages of ", have->page_size, " bytes after a ",
        have->header_size, "-byte header; this tockd needs ", want.page_count, " pages of ",
        want.page_size, " bytes after a ", want.header_size, "-byte header"));
  }
  const uint64_t expected = uint64_t{want.header_size} + want.data_size;
  if (size < expected) {
    return absl::DataLossError(
        absl::StrCat("is truncated: ", size, " bytes, its header describes ", expected));
  }
  if (size > expected) {
    return absl::DataLossError(
        absl::StrCat("is oversized: ", size, " bytes, its header describes ", expected));
  }
  return absl::OkStatus();
}
}  // namespace

uint32_t Crc32(std::span<const uint8_t> bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (uint8_t b : bytes) {
    crc ^= b;
    for (int i = 0; i < 8; ++i) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

FlashFileHeader FlashFileHeader::For(size_t page_size, size_t page_count) {
  FlashFileHeader h;
  h.page_size = static_cast<uint32_t>(page_size);
  h.page_count = static_cast<uint32_t>(page_count);
  // One page, or as many as the encoded fields need when pages are tiny: page-aligned data.
  h.header_size = static_cast<uint32_t>((kEncodedBytes + page_size - 1) / page_size * page_size);
  h.data_size = uint64_t{h.page_size} * h.page_count;
  return h;
}

std::array<uint8_t, FlashFileHeader::kEncodedBytes> FlashFileHeader::Encode() const {
  std::array<uint8_t, kEncodedBytes> out{};
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  PutLe(&out[kOffVersion], version, 4);
  PutLe(&out[kOffHeaderSize], header_size, 4);
  PutLe(&out[kOffPageSize], page_size, 4);
  PutLe(&out[kOffPageCount], page_count, 4);
  PutLe(&out[kOffDataSize], data_size, 8);
  PutLe(&out[kOffReserved], 0, 4);
  PutLe(&out[kOffCrc], Crc32(std::span<const uint8_t>(out.data(), kOffCrc)), 4);
  return out;
}

absl::StatusOr<FlashFileHeader> FlashFileHeader::Decode(std::span<const uint8_t> bytes) {
  if (bytes.size() < kEncodedBytes ||
      std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0) {
    return absl::DataLossError("no tockpp flash header (garbage, or written by something else)");
  }
  FlashFileHeader h;
  // The version is read before the checksum: a later format may place its checksum elsewhere.
  h.version = static_cast<uint32_t>(GetLe(&bytes[kOffVersion], 4));
  if (h.version != kVersion) {
    return absl::DataLossError(absl::StrCat("tockpp flash format version ", h.version,
                                            "; this tockd reads version ", kVersion));
  }
  const uint32_t stored = static_cast<uint32_t>(GetLe(&bytes[kOffCrc], 4));
  const uint32_t computed = Crc32(bytes.first(kOffCrc));
  if (stored != computed) {
    return absl::DataLossError(absl::StrCat("tockpp flash header is corrupted (checksum ",
                                            absl::Hex(stored, absl::kZeroPad8), ", computed ",
                                            absl::Hex(computed, absl::kZeroPad8), ")"));
  }
  h.header_size = static_cast<uint32_t>(GetLe(&bytes[kOffHeaderSize], 4));
  h.page_size = static_cast<uint32_t>(GetLe(&bytes[kOffPageSize], 4));
  h.page_count = static_cast<uint32_t>(GetLe(&bytes[kOffPageCount], 4));
  h.data_size = GetLe(&bytes[kOffDataSize], 8);
  if (h.page_size == 0 || h.header_size < kEncodedBytes || h.header_size % h.page_size != 0 ||
      h.data_size != uint64_t{h.page_size} * h.page_count) {
    return absl::DataLossError(absl::StrCat("tockpp flash header is inconsistent (header ",
                                            h.header_size, " bytes, ", h.page_count, " pages of ",
                                            h.page_size, " bytes, data ", h.data_size, " bytes)"));
  }
  return h;
}

absl::StatusOr<std::unique_ptr<FileFlash>> FileFlash::Open(Reactor& reactor,
                                                           const std::string& path,
                                                           size_t page_size, size_t page_count,
                                                           OpenMode mode) {
  if (page_size == 0 || page_count == 0 || page_size > UINT32_MAX || page_count > UINT32_MAX) {
    return absl::InvalidArgumentError("flash page size and count must be positive 32-bit numbers");
  }
  const FlashFileHeader want = FlashFileHeader::For(page_size, page_count);
  // A fifo would block open() and a device is not ours to format: look before opening.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return NotRegular(st.st_mode);
  }
  bool created = false;
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0644));
  if (fd) {
    created = true;
  } else if (errno == EEXIST) {
    fd.Reset(::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  }
  if (!fd) {
    return ErrnoError(errno == ENOENT ? absl::StatusCode::kNotFound : absl::StatusCode::kInternal,
                      "cannot open");
  }
  if (::fstat(fd.get(), &st) != 0) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot stat");
  }
  if (!S_ISREG(st.st_mode)) {
    return NotRegular(st.st_mode);
  }
  // Held until the fd closes with this FileFlash (O_CLOEXEC: apps never inherit it).
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return absl::UnavailableError("is in use by another tockd (locked)");
    }
    return ErrnoError(absl::StatusCode::kInternal, "cannot lock");
  }
  // Re-read the size under the lock: a previous holder may have changed the file.
  if (::fstat(fd.get(), &st) != 0) {
    return ErrnoError(absl::StatusCode::kInternal, "cannot stat");
  }
  if (mode == OpenMode::kReset || (created && st.st_size == 0)) {
    if (absl::Status s = Format(fd.get(), want); !s.ok()) {
      return s;
    }
  } else if (absl::Status s = CheckContent(fd.get(), static_cast<uint64_t>(st.st_size), want);
             !s.ok()) {
    return s;
  }
  return std::unique_ptr<FileFlash>(
      new FileFlash(reactor, std::move(fd), page_size, page_count, want.header_size));
}

Result<void> FileFlash::Check(size_t page_number, const uint8_t* buffer, size_t len) const {
  if (busy_) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  if (buffer == nullptr || len != page_size_) {
    return ErrorCode::kSize;
  }
  return Result<void>::Ok();
}

Result<void> FileFlash::ReadPage(size_t page_number, uint8_t* buffer, size_t len) {
  TOCK_TRY(Check(page_number, buffer, len));
  bool ok = PreadAll(fd_.get(), buffer, len, PageOffset(page_number));
  Complete(Op::kRead, buffer, len, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

Result<void> FileFlash::WritePage(size_t page_number, uint8_t* buffer, size_t len) {
  TOCK_TRY(Check(page_number, buffer, len));
  bool ok = PwriteAll(fd_.get(), buffer, len, PageOffset(page_number));
  Complete(Op::kWrite, buffer, len, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

Result<void> FileFlash::ErasePage(size_t page_number) {
  if (busy_) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  std::vector<uint8_t> ff(page_size_, 0xFF);
  bool ok = PwriteAll(fd_.get(), ff.data(), ff.size(), PageOffset(page_number));
  Complete(Op::kErase, nullptr, 0, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

absl::StatusOr<std::string> FileFlash::ReadImage() const {
  std::string image(page_size_ * page_count_, '\0');
  if (!PreadAll(fd_.get(), reinterpret_cast<uint8_t*>(image.data()), image.size(),
                static_cast<off_t>(data_offset_))) {
    return absl::InternalError(absl::StrCat("cannot read the pages: ", std::strerror(errno)));
  }
  return image;
}

absl::Status FileFlash::WriteImage(std::string_view image) {
  if (image.size() != page_size_ * page_count_) {
    return absl::InvalidArgumentError(
        absl::StrCat("a flash image of ", image.size(), " bytes for ", page_size_ * page_count_));
  }
  if (busy_) {
    return absl::FailedPreconditionError("the flash is busy");
  }
  if (!PwriteAll(fd_.get(), reinterpret_cast<const uint8_t*>(image.data()), image.size(),
                 static_cast<off_t>(data_offset_))) {
    return absl::InternalError(absl::StrCat("cannot write the pages: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

Result<void> FileFlash::Sync() {
  return ::fdatasync(fd_.get()) == 0 ? Result<void>::Ok() : Result<void>(ErrorCode::kFail);
}

void FileFlash::Complete(Op op, uint8_t* buffer, size_t len, Result<void> status) {
  busy_ = true;
  reactor_.Post([this, op, buffer, len, status, token = guard_.token()] {
    if (token.expired()) {
      return;
    }
    busy_ = false;
    if (client_ == nullptr) {
      return;
    }
    switch (op) {
      case Op::kRead:
        client_->ReadComplete(buffer, len, status);
        break;
      case Op::kWrite:
        client_->WriteComplete(buffer, len, status);
        break;
      case Op::kErase:
        client_->EraseComplete(status);
        break;
    }
  });
}

}  // namespace tock::hostkernel
