// Flash HIL: split-phase page read, write and erase (upstream kernel::hil::flash). Buffers are
// exactly one page; the buffer comes back in the completion. On a failed start the caller keeps
// the buffer and no completion follows. WritePage replaces the page's whole contents (an
// implementation on NOR flash erases the page first), as upstream chips do. Implemented by chips
// (NVMC) and the host (file-backed).
#ifndef TOCKPP_HIL_FLASH_H_
#define TOCKPP_HIL_FLASH_H_

#include <cstddef>
#include <cstdint>

#include "hil/error.h"

namespace tock::hil::flash {

class Client {
 public:
  virtual void ReadComplete(uint8_t* buffer, size_t len, Result<void> status) = 0;
  virtual void WriteComplete(uint8_t* buffer, size_t len, Result<void> status) = 0;
  virtual void EraseComplete(Result<void> status) = 0;

 protected:
  ~Client() = default;
};

class Flash {
 public:
  virtual void SetClient(Client& client) = 0;
  virtual size_t PageSize() const = 0;
  virtual size_t PageCount() const = 0;
  // INVAL for a page beyond PageCount, SIZE if len != PageSize, BUSY if an operation runs.
  virtual Result<void> ReadPage(size_t page_number, uint8_t* buffer, size_t len) = 0;
  virtual Result<void> WritePage(size_t page_number, uint8_t* buffer, size_t len) = 0;
  // Sets every byte of the page to 0xFF.
  virtual Result<void> ErasePage(size_t page_number) = 0;

 protected:
  ~Flash() = default;
};

}  // namespace tock::hil::flash

#endif  // TOCKPP_HIL_FLASH_H_
