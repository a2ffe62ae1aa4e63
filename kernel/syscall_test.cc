#include "kernel/syscall.h"

#include <gtest/gtest.h>

namespace tock {
namespace {

TEST(DecodeSyscallTest, YieldVariantsCarryTheirParameters) {
  auto nowait = DecodeSyscall(0, {0, 0x20000010, 7, 8});
  ASSERT_TRUE(nowait);
  EXPECT_EQ(nowait->klass, SyscallClass::kYield);
  EXPECT_EQ(nowait->yield.kind, YieldKind::kNoWait);
  EXPECT_EQ(nowait->yield.address, 0x20000010u);

  auto wait = DecodeSyscall(0, {1, 5, 6, 7});
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->yield.kind, YieldKind::kWait);
  EXPECT_EQ(wait->yield.address, 0u);

  auto waitfor = DecodeSyscall(0, {2, 0x40001, 3, 9});
  ASSERT_TRUE(waitfor);
  EXPECT_EQ(waitfor->yield.kind, YieldKind::kWaitFor);
  EXPECT_EQ(waitfor->yield.driver_num, 0x40001u);
  EXPECT_EQ(waitfor->yield.subscribe_num, 3u);
}

TEST(DecodeSyscallTest, UnknownYieldNumberIsInvalid) {
  EXPECT_FALSE(DecodeSyscall(0, {3, 0, 0, 0}));
  EXPECT_FALSE(DecodeSyscall(0, {0xFFFFFFFF, 0, 0, 0}));
}

TEST(DecodeSyscallTest, UnknownClassIsInvalid) {
  EXPECT_FALSE(DecodeSyscall(8, {0, 0, 0, 0}));
  EXPECT_FALSE(DecodeSyscall(255, {0, 0, 0, 0}));
  EXPECT_FALSE(DecodeSyscall(0x100, {0, 0, 0, 0}));
}

TEST(DecodeSyscallTest, EveryOtherClassMapsRegistersInOrder) {
  auto sub = DecodeSyscall(1, {1, 2, 0x10000100, 0xAB});
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->klass, SyscallClass::kSubscribe);
  EXPECT_EQ(sub->subscribe.driver_num, 1u);
  EXPECT_EQ(sub->subscribe.subscribe_num, 2u);
  EXPECT_EQ(sub->subscribe.upcall_fn, 0x10000100u);
  EXPECT_EQ(sub->subscribe.userdata, 0xABu);

  auto cmd = DecodeSyscall(2, {3, 4, 5, 6});
  ASSERT_TRUE(cmd);
  EXPECT_EQ(cmd->klass, SyscallClass::kCommand);
  EXPECT_EQ(cmd->command.driver_num, 3u);
  EXPECT_EQ(cmd->command.command_num, 4u);
  EXPECT_EQ(cmd->command.arg0, 5u);
  EXPECT_EQ(cmd->command.arg1, 6u);

  struct {
    uint32_t cls;
    SyscallClass klass;
    AllowKind kind;
  } allows[] = {{3, SyscallClass::kReadWriteAllow, AllowKind::kReadWrite},
                {4, SyscallClass::kReadOnlyAllow, AllowKind::kReadOnly},
                {7, SyscallClass::kUserspaceReadableAllow, AllowKind::kUserspaceReadable}};
  for (const auto& a : allows) {
    auto s = DecodeSyscall(a.cls, {9, 1, 0x20000000, 16});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->klass, a.klass);
    EXPECT_EQ(s->allow.kind, a.kind);
    EXPECT_EQ(s->allow.driver_num, 9u);
    EXPECT_EQ(s->allow.allow_num, 1u);
    EXPECT_EQ(s->allow.address, 0x20000000u);
    EXPECT_EQ(s->allow.length, 16u);
  }

  auto memop = DecodeSyscall(5, {1, 0xFFFFFFF0, 7, 7});
  ASSERT_TRUE(memop);
  EXPECT_EQ(memop->klass, SyscallClass::kMemop);
  EXPECT_EQ(memop->memop.op, 1u);
  EXPECT_EQ(memop->memop.arg, 0xFFFFFFF0u);

  auto exit = DecodeSyscall(6, {1, 77, 0, 0});
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->klass, SyscallClass::kExit);
  EXPECT_EQ(exit->exit.exit_num, kExitRestart);
  EXPECT_EQ(exit->exit.completion_code, 77u);
  // Unknown exit numbers still decode; the kernel answers NOSUPPORT.
  EXPECT_TRUE(DecodeSyscall(6, {5, 0, 0, 0}));
}

TEST(EncodeSyscallTest, RoundTripsEveryClass) {
  const SyscallRegisters cases[][1] = {{{0, 0x20000000, 0, 0}}, {{1, 0, 0, 0}}, {{2, 4, 5, 0}}};
  for (const auto& c : cases) {
    auto s = DecodeSyscall(0, c[0]);
    ASSERT_TRUE(s);
    uint32_t cls;
    SyscallRegisters regs;
    EncodeSyscall(*s, cls, regs);
    EXPECT_EQ(cls, 0u);
    EXPECT_EQ(regs, c[0]);
  }
  for (uint32_t cls = 1; cls <= 7; ++cls) {
    SyscallRegisters in{11, 22, 33, 44};
    if (cls == 5 || cls == 6) in = {1, 22, 0, 0};
    auto s = DecodeSyscall(cls, in);
    ASSERT_TRUE(s);
    uint32_t out_cls;
    SyscallRegisters out;
    EncodeSyscall(*s, out_cls, out);
    EXPECT_EQ(out_cls, cls);
    EXPECT_EQ(out, in);
  }
}

}  // namespace
}  // namespace tock
