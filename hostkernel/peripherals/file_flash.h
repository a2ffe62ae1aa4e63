// FileFlash: hil::flash::Flash backed by a regular file (`--flash-file PATH`), so flash and
// nonvolatile storage persist across tockd runs. A new or short file is extended with 0xFF
// (erased flash). Page I/O is pread/pwrite done at the start call; the completion is posted to
// the loop. Writes replace the page's bytes (no bit-clearing emulation). Host-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "hil/flash.h"
#include "hostkernel/peripherals/reactor.h"
#include "hostkernel/process/unique_fd.h"

namespace tockpp::hostkernel {

class FileFlash final : public ::tock::hil::flash::Flash {
 public:
  static constexpr size_t kDefaultPageSize = 4096;

  // Opens (creating if needed) `path` holding page_count pages of page_size bytes.
  static absl::StatusOr<std::unique_ptr<FileFlash>> Open(Reactor& reactor, const std::string& path,
                                                         size_t page_size, size_t page_count);

  void SetClient(::tock::hil::flash::Client& client) override { client_ = &client; }
  size_t PageSize() const override { return page_size_; }
  size_t PageCount() const override { return page_count_; }
  ::tock::Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) override;
  ::tock::Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) override;
  ::tock::Result<void> ErasePage(size_t page_number) override;

  // Flushes written pages to stable storage (fdatasync).
  ::tock::Result<void> Sync();
  bool busy() const { return busy_; }

 private:
  enum class Op { kRead, kWrite, kErase };
  FileFlash(Reactor& reactor, UniqueFd fd, size_t page_size, size_t page_count)
      : reactor_(reactor), fd_(std::move(fd)), page_size_(page_size), page_count_(page_count) {}
  ::tock::Result<void> Check(size_t page_number, const uint8_t* buffer, size_t len) const;
  void Complete(Op op, uint8_t* buffer, size_t len, ::tock::Result<void> status);

  Reactor& reactor_;
  UniqueFd fd_;
  size_t page_size_;
  size_t page_count_;
  ::tock::hil::flash::Client* client_ = nullptr;
  bool busy_ = false;
  LifetimeGuard guard_;
};

}  // namespace tockpp::hostkernel
