// KvStore on a FakeFlash: round trips, newest record wins, remount rebuilds the index, crashes
// (an unfinished or torn write, a half-done delete) never lose an acknowledged value, full
// store, garbage collection, errors.
#include "capsules/kv/kv_store.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeFlash;

constexpr size_t kPage = 512;
constexpr size_t kPages = 8;

struct Recorder final : KvStoreClient {
  void MountDone() override { ++mounts; }
  void GetDone(Result<void> status, std::span<const uint8_t> value) override {
    get_status = status;
    got.assign(reinterpret_cast<const char*>(value.data()), value.size());
    ++gets;
  }
  void WriteDone(Result<void> status) override {
    write_status = status;
    ++writes;
  }
  int mounts = 0, gets = 0, writes = 0;
  Result<void> get_status = ErrorCode::kFail;
  Result<void> write_status = ErrorCode::kFail;
  std::string got;
};

// One boot: a store over the flash, mounted.
struct Boot {
  explicit Boot(FakeFlash& f) : flash(f), store(f, page, index) {
    store.SetClient(rec);
    EXPECT_TRUE(store.Mount().ok());
    flash.CompleteAll();
    EXPECT_EQ(rec.mounts, 1);
  }
  FakeFlash& flash;
  std::array<uint8_t, kPage> page{};
  std::array<KvPageInfo, kPages> index{};
  KvStore store;
  Recorder rec;

  uint64_t H(const std::string& key) {
    return KvStore::HashKey({reinterpret_cast<const uint8_t*>(key.data()), key.size()});
  }
  Result<void> StartPut(const std::string& key, const std::string& value, uint32_t writer = 1) {
    std::span<uint8_t> v = store.ValueBuffer();
    if (v.size() >= value.size()) {
      std::memcpy(v.data(), value.data(), value.size());
    }
    return store.Put(H(key), writer, value.size());
  }
  void Put(const std::string& key, const std::string& value, uint32_t writer = 1) {
    ASSERT_TRUE(StartPut(key, value, writer).ok());
    flash.CompleteAll();
    ASSERT_TRUE(rec.write_status.ok());
  }
  std::string Get(const std::string& key) {
    Result<void> r = store.Get(H(key));
    if (!r.ok()) {
      return "<error " + std::to_string(ToU32(r.error())) + ">";
    }
    flash.CompleteAll();
    return rec.get_status.ok() ? rec.got : "<failed>";
  }
};

TEST(KvStoreTest, EmptyFlashMountsWithEveryPageFree) {
  FakeFlash flash(kPage, kPages);
  Boot b(flash);
  EXPECT_TRUE(b.store.mounted());
  EXPECT_EQ(b.store.FreePages(), kPages);
  EXPECT_FALSE(b.store.Lookup(b.H("x")));
  EXPECT_EQ(b.Get("x"), "<error 10>");  // NOSUPPORT
}

TEST(KvStoreTest, PutThenGetAndTheNewestRecordWins) {
  FakeFlash flash(kPage, kPages);
  Boot b(flash);
  b.Put("key", "one", 7);
  EXPECT_EQ(b.Get("key"), "one");
  b.Put("key", "two!", 8);
  EXPECT_EQ(b.Get("key"), "two!");
  ASSERT_TRUE(b.store.Lookup(b.H("key")));
  EXPECT_EQ(b.store.Lookup(b.H("key"))->writer, 8u);
  EXPECT_EQ(b.store.Lookup(b.H("key"))->length, 4u);
  EXPECT_EQ(b.store.FreePages(), kPages - 1);  // the old record's page is free again
  b.Put("empty", "");
  EXPECT_EQ(b.Get("empty"), "");
}

TEST(KvStoreTest, RemountRebuildsTheIndexFromTheFlash) {
  FakeFlash flash(kPage, kPages);
  {
    Boot b(flash);
    for (int i = 0; i < 20; ++i) {
      b.Put("counter", std::to_string(i));
      b.Put("other", "x" + std::to_string(i));
    }
  }
  Boot again(flash);
  EXPECT_EQ(again.Get("counter"), "19");
  EXPECT_EQ(again.Get("other"), "x19");
  again.Put("counter", "20");  // sequence numbers continue above what the flash holds
  Boot third(flash);
  EXPECT_EQ(third.Get("counter"), "20");
}

TEST(KvStoreTest, AWriteThatNeverFinishedLeavesTheOldValue) {
  FakeFlash flash(kPage, kPages);
  {
    Boot b(flash);
    b.Put("k", "acknowledged");
    ASSERT_TRUE(b.StartPut("k", "in flight").ok());
    flash.Abandon();  // crash: the write never happened
  }
  Boot again(flash);
  EXPECT_EQ(again.Get("k"), "acknowledged");
}

TEST(KvStoreTest, ATornWriteIsIgnored) {
  FakeFlash flash(kPage, kPages);
  size_t torn_page = 0;
  std::array<uint8_t, kPage> image{};
  {
    Boot b(flash);
    b.Put("k", "acknowledged");
    ASSERT_TRUE(b.StartPut("k", std::string(300, 'n')).ok());
    // The record the write would have left, then only its first half reaches the flash.
    std::memcpy(image.data(), b.page.data(), kPage);
    flash.Abandon();
  }
  for (size_t i = 0; i < kPages; ++i) {
    if (flash.page(i)[0] == 0xFF) {
      torn_page = i;
      break;
    }
  }
  std::memcpy(flash.page(torn_page), image.data(), kPage / 2);
  Boot again(flash);
  EXPECT_EQ(again.Get("k"), "acknowledged");
  EXPECT_FALSE(again.index[torn_page].seq != 0);
  // A flipped bit anywhere in a record (header or value) disqualifies it too.
  again.Put("k", "newest");
  for (size_t i = 0; i < kPages; ++i) {
    if (again.index[i].seq != 0 && again.index[i].length == 6) {
      flash.page(i)[34] ^= 0x01;  // a value byte
    }
  }
  Boot third(flash);
  EXPECT_EQ(third.Get("k"), "acknowledged");
}

TEST(KvStoreTest, DeleteRemovesEveryRecordOfTheKeyAndSurvivesRemount) {
  FakeFlash flash(kPage, kPages);
  {
    Boot b(flash);
    b.Put("k", "v1");
    b.Put("k", "v2");
    b.Put("keep", "yes");
    ASSERT_TRUE(b.store.Delete(b.H("k")).ok());
    flash.CompleteAll();
    EXPECT_TRUE(b.rec.write_status.ok());
    EXPECT_FALSE(b.store.Lookup(b.H("k")));
    EXPECT_EQ(b.store.Delete(b.H("k")).error(), ErrorCode::kNoSupport);
  }
  Boot again(flash);
  EXPECT_FALSE(again.store.Lookup(again.H("k")));
  EXPECT_EQ(again.Get("keep"), "yes");
}

TEST(KvStoreTest, ADeleteCutShortNeverBringsBackAnOlderValue) {
  FakeFlash flash(kPage, kPages);
  {
    Boot b(flash);
    b.Put("k", "old");
    b.Put("k", "new");
    ASSERT_TRUE(b.store.Delete(b.H("k")).ok());
    ASSERT_TRUE(flash.Complete());  // the older record is erased, then the crash
    flash.Abandon();
  }
  Boot again(flash);
  EXPECT_EQ(again.Get("k"), "new");
}

TEST(KvStoreTest, FullStoreIsNoMemAndReplacingStillWorks) {
  FakeFlash flash(kPage, kPages);
  Boot b(flash);
  for (size_t i = 0; i < kPages; ++i) {
    b.Put("k" + std::to_string(i), "v");
  }
  EXPECT_EQ(b.store.FreePages(), 0u);
  EXPECT_EQ(b.StartPut("another", "v").error(), ErrorCode::kNoMem);
  // Replacing needs a free page too: none, so it fails and the old value stays.
  EXPECT_EQ(b.StartPut("k0", "w").error(), ErrorCode::kNoMem);
  EXPECT_EQ(b.Get("k0"), "v");
  ASSERT_TRUE(b.store.Delete(b.H("k3")).ok());
  flash.CompleteAll();
  b.Put("k0", "w");
  EXPECT_EQ(b.Get("k0"), "w");
}

TEST(KvStoreTest, GarbageCollectionErasesOnlyFreePages) {
  FakeFlash flash(kPage, kPages);
  Boot b(flash);
  b.Put("a", "1");
  b.Put("a", "2");
  b.Put("a", "3");
  b.Put("b", "x");
  ASSERT_TRUE(b.store.GarbageCollect().ok());
  const size_t ops = flash.operations();
  flash.CompleteAll();
  EXPECT_TRUE(b.rec.write_status.ok());
  EXPECT_EQ(flash.operations() - ops, 1u);  // two stale pages: one erase started before counting
  EXPECT_EQ(b.Get("a"), "3");
  EXPECT_EQ(b.Get("b"), "x");
  size_t erased = 0;
  for (size_t i = 0; i < kPages; ++i) {
    erased += b.index[i].erased ? 1 : 0;
  }
  EXPECT_EQ(erased, kPages - 2);
  EXPECT_EQ(b.store.GarbageCollect().error(), ErrorCode::kAlready);  // nothing left
  EXPECT_FALSE(b.store.busy());
}

TEST(KvStoreTest, OneOperationAtATimeAndOversizedValues) {
  FakeFlash flash(kPage, kPages);
  Boot b(flash);
  EXPECT_EQ(b.store.MaxValueLength(), kPage - KvStore::kHeaderBytes);
  EXPECT_EQ(b.store.Put(b.H("k"), 1, kPage).error(), ErrorCode::kSize);
  ASSERT_TRUE(b.StartPut("k", "v").ok());
  EXPECT_TRUE(b.store.ValueBuffer().empty());
  EXPECT_EQ(b.store.Get(b.H("k")).error(), ErrorCode::kBusy);
  EXPECT_EQ(b.store.GarbageCollect().error(), ErrorCode::kBusy);
  flash.CompleteAll();
  EXPECT_EQ(b.Get("k"), "v");
}

TEST(KvStoreTest, MountRefusesAPageBufferOfTheWrongSize) {
  FakeFlash flash(256, 8);
  std::array<uint8_t, kPage> page{};
  std::array<KvPageInfo, kPages> index{};
  KvStore store(flash, page, index);
  EXPECT_EQ(store.Mount().error(), ErrorCode::kInval);
  EXPECT_FALSE(store.mounted());
}

TEST(KvStoreTest, Crc32MatchesTheStandardCheckValue) {
  const std::string s = "123456789";
  EXPECT_EQ(KvCrc32(0, {reinterpret_cast<const uint8_t*>(s.data()), s.size()}), 0xCBF43926u);
}

}  // namespace
}  // namespace tock::capsules
