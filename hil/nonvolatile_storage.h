// Nonvolatile storage HIL: split-phase byte-addressed read and write of persistent memory
// (upstream kernel::hil::nonvolatile_storage). The buffer comes back in the completion; on a
// failed start the caller keeps it and no completion follows. Implemented over page flash by
// capsules/nonvolatile_storage's NonvolatileToPages; used by the nonvolatile storage driver.
#ifndef TOCKPP_HIL_NONVOLATILE_STORAGE_H_
#define TOCKPP_HIL_NONVOLATILE_STORAGE_H_

#include <cstddef>
#include <cstdint>

#include "hil/error.h"

namespace tock::hil::nonvolatile_storage {

class Client {
 public:
  virtual void ReadDone(uint8_t* buffer, size_t length) = 0;
  virtual void WriteDone(uint8_t* buffer, size_t length) = 0;

 protected:
  ~Client() = default;
};

class NonvolatileStorage {
 public:
  virtual void SetClient(Client& client) = 0;
  // Reads `length` bytes at byte `address` into buffer. BUSY while another operation runs,
  // INVAL if the range is outside the storage.
  virtual Result<void> Read(uint8_t* buffer, size_t address, size_t length) = 0;
  // Writes `length` bytes of buffer at byte `address`; other bytes keep their contents.
  virtual Result<void> Write(uint8_t* buffer, size_t address, size_t length) = 0;

 protected:
  ~NonvolatileStorage() = default;
};

}  // namespace tock::hil::nonvolatile_storage

#endif  // TOCKPP_HIL_NONVOLATILE_STORAGE_H_
