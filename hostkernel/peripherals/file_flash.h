// FileFlash: hil::flash::Flash backed by a regular file (`--flash-file PATH`), so flash and
// nonvolatile storage persist across tockd runs. The file starts with a versioned header (one
// page: magic, format version, header size, geometry, CRC-32 of the header; FLASH_FILE.md) and
// the pages follow it. A missing file is created erased (0xFF); an existing one must carry a
// header matching the geometry asked for and be exactly the size it describes, or it is refused
// with the reason (OpenMode::kReset recreates it). The file is flock()ed for the FileFlash's
// lifetime, so two tockds cannot share it. Page I/O is pread/pwrite done at the start call; the
// completion is posted to the loop. Writes replace the page's bytes (no bit-clearing
// emulation). Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_FILE_FLASH_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_FILE_FLASH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "hil/flash.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

// The header at offset 0 of a flash file. All fields little-endian; the encoded fields take
// kEncodedBytes, the rest of the header (up to header_size) is reserved and written as 0.
struct FlashFileHeader {
  static constexpr std::array<uint8_t, 8> kMagic = {'T', 'O', 'C', 'K', 'P', 'P', 'F', 'L'};
  static constexpr uint32_t kVersion = 1;
  static constexpr size_t kEncodedBytes = 40;

  uint32_t version = kVersion;
  uint32_t header_size = 0;  // byte offset of page 0; a multiple of page_size
  uint32_t page_size = 0;
  uint32_t page_count = 0;
  uint64_t data_size = 0;  // page_size * page_count

  // Header for `page_count` pages of `page_size` bytes; the header takes one page.
  static FlashFileHeader For(size_t page_size, size_t page_count);
  // The kEncodedBytes image, checksum included.
  std::array<uint8_t, kEncodedBytes> Encode() const;
  // Parses an image (at least kEncodedBytes). DataLoss with the reason in words when the magic,
  // the checksum or the version is wrong, or the fields contradict each other.
  static absl::StatusOr<FlashFileHeader> Decode(std::span<const uint8_t> bytes);
  bool operator==(const FlashFileHeader&) const = default;
};

// CRC-32 (IEEE 802.3, reflected, as zlib's crc32) of `bytes`.
uint32_t Crc32(std::span<const uint8_t> bytes);

class FileFlash final : public ::tock::hil::flash::Flash {
 public:
  static constexpr size_t kDefaultPageSize = 4096;

  enum class OpenMode {
    kOpenOrCreate,  // create if missing; refuse an existing file that does not fit
    kReset,         // truncate and write a fresh header and erased pages, whatever was there
  };

  // Opens `path` holding page_count pages of page_size bytes, and locks it. Errors carry the
  // reason alone (the caller names the file):
  //   FailedPrecondition: not a regular file (directory, fifo, device);
  //   Unavailable: in use by another tockd (locked);
  //   DataLoss: the content is not a flash file for this geometry (empty, truncated, oversized,
  //             no or garbage header, other version or geometry) — kReset would start fresh;
  //   others: the system call that failed, with errno text.
  static absl::StatusOr<std::unique_ptr<FileFlash>> Open(Reactor& reactor, const std::string& path,
                                                         size_t page_size, size_t page_count,
                                                         OpenMode mode = OpenMode::kOpenOrCreate);

  void SetClient(::tock::hil::flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return page_size_; }
  size_t PageCount() const override { return page_count_; }
  ::tock::Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) override;
  ::tock::Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) override;
  ::tock::Result<void> ErasePage(size_t page_number) override;

  // Every page's bytes, in order, read at once (tockd --record keeps the initial contents).
  absl::StatusOr<std::string> ReadImage() const;
  // Replaces every page's bytes at once (tockd --replay); `image` must be PageSize() x
  // PageCount() bytes (InvalidArgument otherwise). Not while an operation is in flight.
  absl::Status WriteImage(std::string_view image);

  // Flushes written pages to stable storage (fdatasync).
  ::tock::Result<void> Sync();
  bool busy() const { return busy_; }
  // Byte offset of page 0 in the file (the header's size).
  size_t data_offset() const { return data_offset_; }

 private:
  enum class Op { kRead, kWrite, kErase };
  FileFlash(Reactor& reactor, UniqueFd fd, size_t page_size, size_t page_count, size_t data_offset)
      : reactor_(reactor),
        fd_(std::move(fd)),
        page_size_(page_size),
        page_count_(page_count),
        data_offset_(data_offset) {}
  ::tock::Result<void> Check(size_t page_number, const uint8_t* buffer, size_t len) const;
  off_t PageOffset(size_t page_number) const {
    return static_cast<off_t>(data_offset_ + page_number * page_size_);
  }
  void Complete(Op op, uint8_t* buffer, size_t len, ::tock::Result<void> status);

  Reactor& reactor_;
  UniqueFd fd_;
  size_t page_size_;
  size_t page_count_;
  size_t data_offset_;
  ::tock::hil::flash::Client* client_ = nullptr;
  bool busy_ = false;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_FILE_FLASH_H_
