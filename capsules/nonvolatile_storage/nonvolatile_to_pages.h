// NonvolatileToPages: byte-addressed NonvolatileStorage on top of page flash (upstream
// capsules_extra::nonvolatile_to_pages). Reads copy out of whole-page reads; partial-page writes
// read the page, patch it and write it back, so bytes outside the range keep their contents.
// One operation at a time; one page-sized buffer. Untrusted capsule.
//
// Wiring (board, statics):
//   uint8_t page_buffer[4096];                    // == flash.PageSize()
//   NonvolatileToPages nv_pages(chip_flash, page_buffer);
#ifndef TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_TO_PAGES_H_
#define TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_TO_PAGES_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "hil/flash.h"
#include "hil/nonvolatile_storage.h"

namespace tock::capsules {

class NonvolatileToPages final : public hil::nonvolatile_storage::NonvolatileStorage,
                                 public hil::flash::Client {
 public:
  // page_buffer must be exactly flash.PageSize() bytes.
  NonvolatileToPages(hil::flash::Flash& flash, std::span<uint8_t> page_buffer);

  void SetClient(hil::nonvolatile_storage::Client& client) override { client_ = &client; }
  Result<void> Read(uint8_t* buffer, size_t address, size_t length) override;
  Result<void> Write(uint8_t* buffer, size_t address, size_t length) override;

  void ReadComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void WriteComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void EraseComplete(Result<void> status) override;

 private:
  enum class State : uint8_t { kIdle, kReading, kWriteFetch, kWriting };

  Result<void> Begin(State state, uint8_t* buffer, size_t address, size_t length);
  // Starts the flash operation for the chunk at done_.
  Result<void> Step();
  void Finish();
  size_t ChunkPage() const { return (address_ + done_) / page_.size(); }
  size_t ChunkOffset() const { return (address_ + done_) % page_.size(); }
  size_t ChunkLength() const;

  hil::flash::Flash& flash_;
  std::span<uint8_t> page_;
  hil::nonvolatile_storage::Client* client_ = nullptr;
  State state_ = State::kIdle;
  bool writing_ = false;
  uint8_t* buffer_ = nullptr;
  size_t address_ = 0;
  size_t length_ = 0;
  size_t done_ = 0;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_NONVOLATILE_STORAGE_NONVOLATILE_TO_PAGES_H_
