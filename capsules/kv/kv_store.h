// KvStore: a crash-safe key-value log over page flash (the storage behind the KV driver,
// 0x50003; upstream uses TicKV, this is tockpp's own format). Every value is one record in a
// page of its own, written by one WritePage into a page that holds nothing still needed:
//   0 magic "TKV1" | 4 sequence | 8 key hash (u64) | 16 writer id | 20 reserved (0) |
//   24 value length | 28 CRC-32 of bytes 0..27 and the value | 32 value | rest 0xFF
// (little-endian). A key's value is the valid record with its hash and the highest sequence;
// a page is free when its record is invalid (erased, torn, garbage: bad magic or CRC) or older
// than another valid record of the same key. So:
//   - a write never touches the record it replaces: a crash during it leaves the old value (the
//     torn page is ignored); once WriteComplete reported it, the new record is the newest;
//   - delete erases the key's older pages, then its newest: a crash part way leaves the key
//     present (older values gone first, so it never goes back in time);
//   - Mount() at boot reads every page and rebuilds the RAM index (sequence, hash, writer,
//     length per page); nothing is trusted that fails its CRC.
// Keys are identified by a 64-bit FNV-1a hash, as TicKV identifies keys by a 64-bit hash.
// Full: no free page for a new record (NOMEM, upstream's FlashFull). Values up to
// page size - 32 bytes. Garbage collection erases pages that are free but not erased.
// One operation at a time (BUSY). Freestanding; the page buffer and index are the board's.
#ifndef TOCKPP_CAPSULES_KV_KV_STORE_H_
#define TOCKPP_CAPSULES_KV_KV_STORE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "hil/flash.h"

namespace tock::capsules {

// What the RAM index knows of one page (seq 0: nothing valid there).
struct KvPageInfo {
  uint32_t seq = 0;
  uint32_t writer = 0;
  uint64_t hash = 0;
  uint32_t length = 0;
  bool erased = false;  // all 0xFF when last seen (GC skips it)
};

class KvStoreClient {
 public:
  // Mount() finished: the store takes operations.
  virtual void MountDone() = 0;
  // Get finished: Ok with the value (valid until the next operation), or FAIL (the record no
  // longer checks out, or the flash failed).
  virtual void GetDone(Result<void> status, std::span<const uint8_t> value) = 0;
  // Put, Delete or GarbageCollect finished (Ok: durable on the flash).
  virtual void WriteDone(Result<void> status) = 0;

 protected:
  ~KvStoreClient() = default;
};

class KvStore final : public hil::flash::Client {
 public:
  static constexpr size_t kHeaderBytes = 32;
  static constexpr uint32_t kMagic = 0x31564B54;  // "TKV1"

  struct Entry {
    uint32_t writer;
    uint32_t length;
  };

  // page_buffer: exactly one flash page. The store uses min(flash pages, index.size()) pages.
  KvStore(hil::flash::Flash& flash, std::span<uint8_t> page_buffer, std::span<KvPageInfo> index);
  KvStore(const KvStore&) = delete;
  KvStore& operator=(const KvStore&) = delete;

  void SetClient(KvStoreClient& client) { client_ = &client; }

  // Reads every page and rebuilds the index; MountDone follows. INVAL if the page buffer does
  // not match the flash's page size, BUSY if already mounting.
  Result<void> Mount();
  bool mounted() const { return mounted_; }
  bool busy() const { return op_ != Op::kNone; }

  static uint64_t HashKey(std::span<const uint8_t> key);
  // The key's current value, if any (from the index: no flash access).
  std::optional<Entry> Lookup(uint64_t hash) const;
  size_t MaxValueLength() const { return page_.size() - kHeaderBytes; }
  // Where a Put's value goes: fill its first `length` bytes, then Put. Empty while busy.
  std::span<uint8_t> ValueBuffer();

  // Reads the key's value: GetDone. NOSUPPORT: no such key.
  Result<void> Get(uint64_t hash);
  // Stores `length` bytes of ValueBuffer() as the key's value, written by `writer`: WriteDone.
  // SIZE: longer than MaxValueLength(); NOMEM: no free page.
  Result<void> Put(uint64_t hash, uint32_t writer, size_t length);
  // Removes the key: WriteDone. NOSUPPORT: no such key.
  Result<void> Delete(uint64_t hash);
  // Erases every free page that is not erased yet: WriteDone. ALREADY (no WriteDone): there is
  // no such page (upstream's answer of a store with nothing to collect).
  Result<void> GarbageCollect();

  size_t page_count() const { return count_; }
  // Pages a new record could go to.
  size_t FreePages() const;
  const KvPageInfo& page_info(size_t page) const { return index_[page]; }

  void ReadComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void WriteComplete(uint8_t* buffer, size_t len, Result<void> status) override;
  void EraseComplete(Result<void> status) override;

 private:
  enum class Op : uint8_t { kNone, kMount, kGet, kPut, kDelete, kGc };
  // The page holding the key's value, or -1.
  int Winner(uint64_t hash) const;
  bool IsFree(size_t page) const;
  // Parses page_ as read from `page` into index_[page].
  void Index(size_t page);
  // Next step of Delete / GC: starts an erase; ALREADY when nothing is left to erase.
  Result<void> StepDelete();
  Result<void> StepGc();
  void Finish(Result<void> status);

  hil::flash::Flash& flash_;
  std::span<uint8_t> page_;
  std::span<KvPageInfo> index_;
  size_t count_;
  KvStoreClient* client_ = nullptr;
  Op op_ = Op::kNone;
  bool mounted_ = false;
  size_t cursor_ = 0;      // mount: next page to read; else where the next free-page search starts
  size_t target_ = 0;      // page of the running read, write or erase
  uint64_t op_hash_ = 0;   // Delete's key
  uint32_t next_seq_ = 1;  // sequence of the next record
  KvPageInfo pending_{};   // the record being written
};

// CRC-32 (IEEE 802.3, reflected, as zlib's crc32), continuing from `crc` (0 to start).
uint32_t KvCrc32(uint32_t crc, std::span<const uint8_t> bytes);

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_KV_KV_STORE_H_
