#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "kernel/error_code.h"
#include "kernel/map_cell.h"
#include "kernel/optional_cell.h"
#include "kernel/take_cell.h"

namespace tock {
namespace {

TEST(TakeCellTest, TakeLeavesItEmptyUntilPutBack) {
  int value = 3;
  TakeCell<int> cell(&value);
  EXPECT_TRUE(cell.IsSome());
  int* taken = cell.Take();
  EXPECT_EQ(taken, &value);
  EXPECT_TRUE(cell.IsEmpty());
  EXPECT_EQ(cell.Take(), nullptr);
  cell.Put(taken);
  EXPECT_EQ(cell.Replace(nullptr), &value);
  EXPECT_TRUE(cell.IsEmpty());
}

TEST(TakeCellTest, BufferCellKeepsTheLengthAndIsEmptyWhileTaken) {
  std::array<uint8_t, 16> storage{};
  TakeCell<uint8_t[]> cell{std::span<uint8_t>(storage)};
  ASSERT_TRUE(cell.IsSome());
  std::span<uint8_t> buf = cell.Take();
  EXPECT_EQ(buf.data(), storage.data());
  EXPECT_EQ(buf.size(), storage.size());
  EXPECT_TRUE(cell.IsEmpty());
  EXPECT_EQ(cell.Take().data(), nullptr);  // a second taker gets nothing
  cell.Put(buf);
  EXPECT_TRUE(cell.IsSome());
  EXPECT_EQ(cell.Take().size(), 16u);
}

TEST(TakeCellTest, MapLendsExclusivelyAndReentrantMapSeesEmpty) {
  int value = 1;
  TakeCell<int> cell(&value);
  bool inner_ran = true;
  EXPECT_TRUE(cell.Map([&](int& v) {
    v = 2;
    inner_ran = cell.Map([](int&) {});
  }));
  EXPECT_FALSE(inner_ran);
  EXPECT_EQ(value, 2);
  EXPECT_TRUE(cell.IsSome());
  TakeCell<int> empty;
  EXPECT_FALSE(empty.Map([](int&) {}));
}

TEST(MapCellTest, MapIsExclusiveAndTakeMovesOut) {
  MapCell<int> cell(5);
  EXPECT_TRUE(cell.IsSome());
  bool inner = true;
  bool put_inside = true;
  EXPECT_TRUE(cell.Map([&](int& v) {
    ++v;
    EXPECT_TRUE(cell.IsNone());
    inner = cell.Map([](int&) {});
    put_inside = cell.Put(1);
    EXPECT_FALSE(cell.Take());
  }));
  EXPECT_FALSE(inner);
  EXPECT_FALSE(put_inside);
  EXPECT_EQ(cell.Take().value(), 6);
  EXPECT_TRUE(cell.IsNone());
  EXPECT_FALSE(cell.Map([](int&) {}));
  EXPECT_TRUE(cell.Put(9));
  EXPECT_EQ(cell.Take().value(), 9);
}

TEST(OptionalCellTest, SetGetClearTake) {
  OptionalCell<uint32_t> cell;
  EXPECT_TRUE(cell.IsNone());
  EXPECT_EQ(cell.GetOr(7), 7u);
  cell.Set(3);
  EXPECT_TRUE(cell.Contains(3));
  EXPECT_FALSE(cell.Contains(4));
  uint32_t seen = 0;
  EXPECT_TRUE(cell.Map([&](uint32_t v) { seen = v; }));
  EXPECT_EQ(seen, 3u);
  EXPECT_EQ(cell.Take().value(), 3u);
  EXPECT_TRUE(cell.IsNone());
  EXPECT_FALSE(cell.Map([](uint32_t) {}));
  OptionalCell<uint32_t> init(8);
  EXPECT_EQ(init.Get().value(), 8u);
  init.Clear();
  EXPECT_FALSE(init.Get());
}

// The split-phase buffer discipline: a static buffer goes down with the call and comes back in
// the completion; while it is away the client cannot start another operation.
class Lower {
 public:
  struct Client {
    virtual void Done(std::array<uint8_t, 4>* buf, Result<void> r) = 0;
  };
  void SetClient(Client& c) { client_ = &c; }
  Result<void> Start(std::array<uint8_t, 4>* buf) {
    if (held_.IsSome()) {
      return ErrorCode::kBusy;
    }
    held_.Put(buf);
    return {};
  }
  void Complete() {
    std::array<uint8_t, 4>* buf = held_.Take();
    (*buf)[0] = 0x42;
    client_->Done(buf, {});
  }

 private:
  Client* client_ = nullptr;
  TakeCell<std::array<uint8_t, 4>> held_;
};

class Upper : public Lower::Client {
 public:
  explicit Upper(Lower& lower, std::array<uint8_t, 4>* buf) : lower_(lower), buffer_(buf) {}
  Result<void> Go() {
    std::array<uint8_t, 4>* buf = buffer_.Take();
    if (buf == nullptr) {
      return ErrorCode::kBusy;
    }
    Result<void> r = lower_.Start(buf);
    if (!r.ok()) {
      buffer_.Put(buf);
    }
    return r;
  }
  void Done(std::array<uint8_t, 4>* buf, Result<void>) override {
    buffer_.Put(buf);
    ++completions;
  }
  int completions = 0;

 private:
  Lower& lower_;
  TakeCell<std::array<uint8_t, 4>> buffer_;
};

TEST(SplitPhaseTest, BufferTravelsDownAndComesBackInTheCallback) {
  static std::array<uint8_t, 4> storage{};
  Lower lower;
  Upper upper(lower, &storage);
  lower.SetClient(upper);
  ASSERT_TRUE(upper.Go().ok());
  EXPECT_EQ(upper.Go().error(), ErrorCode::kBusy);  // buffer is away
  lower.Complete();
  EXPECT_EQ(upper.completions, 1);
  EXPECT_EQ(storage[0], 0x42);
  EXPECT_TRUE(upper.Go().ok());  // back home, usable again
}

}  // namespace
}  // namespace tock
