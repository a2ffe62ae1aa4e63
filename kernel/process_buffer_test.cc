#include "kernel/process_buffer.h"

#include <gtest/gtest.h>

#include <array>
#include <type_traits>

namespace tock {

// Tests build buffers directly; in the kernel only GrantKernelData can.
class ProcessBufferTestPeer {
 public:
  static ReadOnlyProcessBuffer ReadOnly(uint32_t addr, uint32_t len, const uint8_t* data) {
    return ReadOnlyProcessBuffer(addr, len, data);
  }
  static ReadWriteProcessBuffer ReadWrite(uint32_t addr, uint32_t len, uint8_t* data) {
    return ReadWriteProcessBuffer(addr, len, data);
  }
  static UserspaceReadableProcessBuffer Readable(uint32_t addr, uint32_t len, uint8_t* data) {
    return UserspaceReadableProcessBuffer(addr, len, data);
  }
};

namespace {

static_assert(!std::is_copy_constructible_v<ReadOnlyProcessBuffer>);
static_assert(!std::is_move_constructible_v<ReadWriteProcessBuffer>);
static_assert(!std::is_constructible_v<ReadWriteProcessBuffer, uint32_t, uint32_t, uint8_t*>,
              "capsules cannot make buffers");

TEST(ProcessBufferTest, ReadOnlyAccessIsBoundsChecked) {
  std::array<uint8_t, 8> mem{1, 2, 3, 4, 5, 6, 7, 8};
  auto buf = ProcessBufferTestPeer::ReadOnly(0x20000000, 4, mem.data());
  EXPECT_EQ(buf.size(), 4u);
  EXPECT_FALSE(buf.empty());
  EXPECT_EQ(buf.address(), 0x20000000u);
  EXPECT_EQ(buf.Get(3).value(), 4);
  EXPECT_EQ(buf.Get(4).error(), ErrorCode::kSize);
  std::array<uint8_t, 3> out{};
  ASSERT_TRUE(buf.CopyOut(1, out).ok());
  EXPECT_EQ(out, (std::array<uint8_t, 3>{2, 3, 4}));
  EXPECT_EQ(buf.CopyOut(2, out).error(), ErrorCode::kSize);
  EXPECT_EQ(buf.CopyOut(5, std::span<uint8_t>()).error(), ErrorCode::kSize);
  EXPECT_TRUE(buf.CopyOut(4, std::span<uint8_t>()).ok());
  EXPECT_EQ(buf.CopyOut(0xFFFFFFFFu, out).error(), ErrorCode::kSize);
}

TEST(ProcessBufferTest, ReadWriteWritesOnlyInside) {
  std::array<uint8_t, 8> mem{};
  auto buf = ProcessBufferTestPeer::ReadWrite(0x20000000, 4, mem.data());
  ASSERT_TRUE(buf.Set(0, 9).ok());
  EXPECT_EQ(buf.Set(4, 9).error(), ErrorCode::kSize);
  const uint8_t src[] = {7, 7, 7};
  ASSERT_TRUE(buf.CopyIn(1, src).ok());
  EXPECT_EQ(buf.CopyIn(2, src).error(), ErrorCode::kSize);
  EXPECT_EQ(mem, (std::array<uint8_t, 8>{9, 7, 7, 7, 0, 0, 0, 0}));
  buf.Fill(0xEE);
  EXPECT_EQ(mem[3], 0xEE);
  EXPECT_EQ(mem[4], 0);
}

TEST(ProcessBufferTest, SlicesAreClampedViews) {
  std::array<uint8_t, 8> mem{1, 2, 3, 4, 5, 6, 7, 8};
  auto buf = ProcessBufferTestPeer::ReadWrite(0x20000000, 8, mem.data());
  auto s = buf.Slice(6, 10);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.address(), 0x20000006u);
  EXPECT_EQ(s.Get(0).value(), 7);
  EXPECT_TRUE(buf.Slice(8, 1).empty());
  auto ro = ProcessBufferTestPeer::ReadOnly(0x10000000, 8, mem.data());
  auto ros = ro.Slice(2, 2);
  EXPECT_EQ(ros.size(), 2u);
  EXPECT_EQ(ros.Get(1).value(), 4);
  EXPECT_TRUE(ro.Slice(9, 1).empty());
}

TEST(ProcessBufferTest, EmptyBuffersRefuseEverything) {
  auto none = ProcessBufferTestPeer::ReadWrite(0x1234, 16, nullptr);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.Get(0).error(), ErrorCode::kSize);
  EXPECT_EQ(none.Set(0, 1).error(), ErrorCode::kSize);
  none.Fill(1);  // no-op, must not crash
  auto zero = ProcessBufferTestPeer::ReadOnly(0x1234, 0, nullptr);
  EXPECT_EQ(zero.address(), 0u);
}

TEST(ProcessBufferTest, UserspaceReadableBehavesLikeReadWrite) {
  std::array<uint8_t, 4> mem{};
  auto buf = ProcessBufferTestPeer::Readable(0x20000000, 4, mem.data());
  ReadWriteProcessBuffer& rw = buf;
  ASSERT_TRUE(rw.Set(2, 5).ok());
  EXPECT_EQ(mem[2], 5);
}

}  // namespace
}  // namespace tock
