// KvStore implementation.
#include "capsules/kv/kv_store.h"

#include <cstring>

namespace tock::capsules {
namespace {

uint32_t Le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}
uint64_t Le64(const uint8_t* p) {
  return static_cast<uint64_t>(Le32(p)) | static_cast<uint64_t>(Le32(p + 4)) << 32;
}
void Put32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    p[i] = static_cast<uint8_t>(v >> (8 * i));
  }
}
void Put64(uint8_t* p, uint64_t v) {
  Put32(p, static_cast<uint32_t>(v));
  Put32(p + 4, static_cast<uint32_t>(v >> 32));
}

constexpr size_t kCrcOffset = 28;

}  // namespace

uint32_t KvCrc32(uint32_t crc, std::span<const uint8_t> bytes) {
  crc = ~crc;
  for (uint8_t b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  return ~crc;
}

KvStore::KvStore(hil::flash::Flash& flash, std::span<uint8_t> page_buffer,
                 std::span<KvPageInfo> index)
    : flash_(flash),
      page_(page_buffer),
      index_(index),
      count_(flash.PageCount() < index.size() ? flash.PageCount() : index.size()) {
  flash_.SetClient(*this);
}

uint64_t KvStore::HashKey(std::span<const uint8_t> key) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a 64
  for (uint8_t b : key) {
    h ^= b;
    h *= 0x100000001b3ull;
  }
  return h;
}

Result<void> KvStore::Mount() {
  if (op_ != Op::kNone) {
    return ErrorCode::kBusy;
  }
  if (page_.size() != flash_.PageSize() || page_.size() <= kHeaderBytes) {
    return ErrorCode::kInval;
  }
  mounted_ = false;
  next_seq_ = 1;
  for (size_t i = 0; i < count_; ++i) {
    index_[i] = KvPageInfo{};
  }
  if (count_ == 0) {
    mounted_ = true;
    if (client_ != nullptr) {
      client_->MountDone();
    }
    return Result<void>::Ok();
  }
  cursor_ = 0;
  op_ = Op::kMount;
  Result<void> r = flash_.ReadPage(0, page_.data(), page_.size());
  if (!r.ok()) {
    op_ = Op::kNone;
  }
  return r;
}

void KvStore::Index(size_t page) {
  KvPageInfo info{};
  const uint8_t* p = page_.data();
  bool erased = true;
  for (uint8_t b : page_) {
    if (b != 0xFF) {
      erased = false;
      break;
    }
  }
  info.erased = erased;
  const uint32_t length = Le32(p + 24);
  if (!erased && Le32(p) == kMagic && Le32(p + 4) != 0 && length <= MaxValueLength()) {
    uint32_t crc = KvCrc32(0, page_.first(kCrcOffset));
    crc = KvCrc32(crc, page_.subspan(kHeaderBytes, length));
    if (crc == Le32(p + kCrcOffset)) {
      info.seq = Le32(p + 4);
      info.hash = Le64(p + 8);
      info.writer = Le32(p + 16);
      info.length = length;
      if (info.seq >= next_seq_) {
        next_seq_ = info.seq + 1;
      }
    }
  }
  index_[page] = info;
}

int KvStore::Winner(uint64_t hash) const {
  int best = -1;
  for (size_t i = 0; i < count_; ++i) {
    const KvPageInfo& e = index_[i];
    if (e.seq != 0 && e.hash == hash && (best < 0 || e.seq > index_[best].seq)) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

bool KvStore::IsFree(size_t page) const {
  const KvPageInfo& e = index_[page];
  return e.seq == 0 || Winner(e.hash) != static_cast<int>(page);
}

size_t KvStore::FreePages() const {
  size_t n = 0;
  for (size_t i = 0; i < count_; ++i) {
    n += IsFree(i) ? 1 : 0;
  }
  return n;
}

std::optional<KvStore::Entry> KvStore::Lookup(uint64_t hash) const {
  const int w = Winner(hash);
  if (w < 0) {
    return std::nullopt;
  }
  return Entry{index_[w].writer, index_[w].length};
}

std::span<uint8_t> KvStore::ValueBuffer() {
  if (op_ != Op::kNone) {
    return {};
  }
  return page_.subspan(kHeaderBytes);
}

Result<void> KvStore::Get(uint64_t hash) {
  if (op_ != Op::kNone || !mounted_) {
    return ErrorCode::kBusy;
  }
  const int w = Winner(hash);
  if (w < 0) {
    return ErrorCode::kNoSupport;
  }
  target_ = static_cast<size_t>(w);
  op_hash_ = hash;
  op_ = Op::kGet;
  Result<void> r = flash_.ReadPage(target_, page_.data(), page_.size());
  if (!r.ok()) {
    op_ = Op::kNone;
  }
  return r;
}

Result<void> KvStore::Put(uint64_t hash, uint32_t writer, size_t length) {
  if (op_ != Op::kNone || !mounted_) {
    return ErrorCode::kBusy;
  }
  if (length > MaxValueLength()) {
    return ErrorCode::kSize;
  }
  // A free page, searching round-robin from after the last one written (wear spreading).
  size_t page = count_;
  for (size_t k = 0; k < count_; ++k) {
    const size_t i = (cursor_ + k) % count_;
    if (IsFree(i)) {
      page = i;
      break;
    }
  }
  if (page == count_) {
    return ErrorCode::kNoMem;
  }
  pending_ = KvPageInfo{next_seq_, writer, hash, static_cast<uint32_t>(length), false};
  uint8_t* p = page_.data();
  Put32(p, kMagic);
  Put32(p + 4, pending_.seq);
  Put64(p + 8, hash);
  Put32(p + 16, writer);
  Put32(p + 20, 0);
  Put32(p + 24, pending_.length);
  uint32_t crc = KvCrc32(0, page_.first(kCrcOffset));
  crc = KvCrc32(crc, page_.subspan(kHeaderBytes, length));
  Put32(p + kCrcOffset, crc);
  std::memset(p + kHeaderBytes + length, 0xFF, page_.size() - kHeaderBytes - length);
  target_ = page;
  op_ = Op::kPut;
  Result<void> r = flash_.WritePage(page, page_.data(), page_.size());
  if (!r.ok()) {
    op_ = Op::kNone;
    return r;
  }
  ++next_seq_;  // even if the write fails later: what reached the flash must stay older
  cursor_ = (page + 1) % count_;
  return r;
}

Result<void> KvStore::Delete(uint64_t hash) {
  if (op_ != Op::kNone || !mounted_) {
    return ErrorCode::kBusy;
  }
  if (Winner(hash) < 0) {
    return ErrorCode::kNoSupport;
  }
  op_hash_ = hash;
  Result<void> r = StepDelete();
  if (r.ok()) {
    op_ = Op::kDelete;
  }
  return r;
}

Result<void> KvStore::StepDelete() {
  // Older records of the key first, the current one last.
  const int w = Winner(op_hash_);
  if (w < 0) {
    return ErrorCode::kAlready;
  }
  size_t page = static_cast<size_t>(w);
  for (size_t i = 0; i < count_; ++i) {
    if (static_cast<int>(i) != w && index_[i].seq != 0 && index_[i].hash == op_hash_) {
      page = i;
      break;
    }
  }
  target_ = page;
  return flash_.ErasePage(page);
}

Result<void> KvStore::GarbageCollect() {
  if (op_ != Op::kNone || !mounted_) {
    return ErrorCode::kBusy;
  }
  Result<void> r = StepGc();
  if (r.ok()) {
    op_ = Op::kGc;
  }
  return r;
}

Result<void> KvStore::StepGc() {
  for (size_t i = 0; i < count_; ++i) {
    if (!index_[i].erased && IsFree(i)) {
      target_ = i;
      return flash_.ErasePage(i);
    }
  }
  return ErrorCode::kAlready;
}

void KvStore::Finish(Result<void> status) {
  const Op op = op_;
  op_ = Op::kNone;
  if (client_ == nullptr) {
    return;
  }
  if (op == Op::kGet) {
    client_->GetDone(status, {});
  } else {
    client_->WriteDone(status);
  }
}

void KvStore::ReadComplete(uint8_t*, size_t, Result<void> status) {
  if (op_ == Op::kMount) {
    if (status.ok()) {
      Index(cursor_);
    } else {
      index_[cursor_] = KvPageInfo{};  // unreadable: nothing trusted
    }
    ++cursor_;
    if (cursor_ < count_) {
      Result<void> r = flash_.ReadPage(cursor_, page_.data(), page_.size());
      if (r.ok()) {
        return;
      }
      // Cannot read on: the rest counts as empty (never overwritten before a new mount).
      for (; cursor_ < count_; ++cursor_) {
        index_[cursor_] = KvPageInfo{};
      }
    }
    op_ = Op::kNone;
    mounted_ = true;
    cursor_ = 0;
    if (client_ != nullptr) {
      client_->MountDone();
    }
    return;
  }
  if (op_ != Op::kGet) {
    return;
  }
  op_ = Op::kNone;
  if (!status.ok()) {
    if (client_ != nullptr) {
      client_->GetDone(ErrorCode::kFail, {});
    }
    return;
  }
  const KvPageInfo before = index_[target_];
  Index(target_);
  const KvPageInfo& now = index_[target_];
  if (now.seq != before.seq || now.hash != op_hash_) {
    // The page changed under the index (flash corruption): trust what it says now.
    if (client_ != nullptr) {
      client_->GetDone(ErrorCode::kFail, {});
    }
    return;
  }
  if (client_ != nullptr) {
    client_->GetDone(Result<void>::Ok(), page_.subspan(kHeaderBytes, now.length));
  }
}

void KvStore::WriteComplete(uint8_t*, size_t, Result<void> status) {
  if (op_ != Op::kPut) {
    return;
  }
  // Failed: what the page holds is unknown, so it holds nothing the index relies on.
  index_[target_] = status.ok() ? pending_ : KvPageInfo{};
  Finish(status.ok() ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
}

void KvStore::EraseComplete(Result<void> status) {
  if (op_ != Op::kDelete && op_ != Op::kGc) {
    return;
  }
  if (!status.ok()) {
    // The page may still hold its record, or half of it: keep the index entry (a Get
    // re-checks the record against its CRC).
    Finish(ErrorCode::kFail);
    return;
  }
  index_[target_] = KvPageInfo{};
  index_[target_].erased = true;
  const Result<void> next = op_ == Op::kDelete ? StepDelete() : StepGc();
  if (!next.ok()) {
    // kAlready: nothing left to erase, done; another error: the flash refused the next erase.
    Finish(next.error() == ErrorCode::kAlready ? Result<void>::Ok() : Result<void>(next.error()));
  }
}

}  // namespace tock::capsules
