#include "kernel/syscall_return.h"

#include <gtest/gtest.h>

#include "kernel/command_return.h"

namespace tock {
namespace {

// One row per TRD104 return variant (reference syscall-abi.md §4): r0 code, r1..r3 payload,
// which registers are written.
struct Row {
  const char* name;
  SyscallReturn ret;
  uint32_t r0;
  std::array<uint32_t, 3> payload;
  uint8_t written;
};

TEST(SyscallReturnTest, EveryVariantEncodesLikeTrd104) {
  const Row rows[] = {
      {"Failure", SyscallReturn::Failure(ErrorCode::kBusy), 0, {2, 0, 0}, 0b0011},
      {"FailureU32", SyscallReturn::FailureU32(ErrorCode::kSize, 0xAA), 1, {7, 0xAA, 0}, 0b0111},
      {"FailureU32U32",
       SyscallReturn::FailureU32U32(ErrorCode::kInval, 0xAA, 0xBB),
       2,
       {6, 0xAA, 0xBB},
       0b1111},
      {"FailureU64",
       SyscallReturn::FailureU64(ErrorCode::kNoAck, 0x1122334455667788ull),
       3,
       {13, 0x55667788, 0x11223344},
       0b1111},
      {"Success", SyscallReturn::Success(), 128, {0, 0, 0}, 0b0001},
      {"SuccessU32", SyscallReturn::SuccessU32(0xDEADBEEF), 129, {0xDEADBEEF, 0, 0}, 0b0011},
      {"SuccessU32U32", SyscallReturn::SuccessU32U32(1, 2), 130, {1, 2, 0}, 0b0111},
      {"SuccessU64",
       SyscallReturn::SuccessU64(0xCAFEF00D12345678ull),
       131,
       {0x12345678, 0xCAFEF00D, 0},
       0b0111},
      {"SuccessU32U32U32", SyscallReturn::SuccessU32U32U32(1, 2, 3), 132, {1, 2, 3}, 0b1111},
      {"SuccessU32U64",
       SyscallReturn::SuccessU32U64(9, 0x0000000100000002ull),
       133,
       {9, 2, 1},
       0b1111},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(static_cast<uint32_t>(row.ret.variant()), row.r0);
    EncodedReturn e = row.ret.Encode();
    EXPECT_EQ(e.regs[0], row.r0);
    EXPECT_EQ(e.written, row.written);
    for (int i = 1; i < 4; ++i) {
      if (e.Writes(i)) {
        EXPECT_EQ(e.regs[i], row.payload[i - 1]) << "r" << i;
      }
    }
    EXPECT_EQ(row.ret.IsSuccess(), row.r0 >= 128);
  }
}

TEST(SyscallReturnTest, UnwrittenRegistersKeepTheFrame) {
  std::array<uint32_t, 4> frame{1, 2, 3, 4};
  SyscallReturn::SuccessU32(99).Encode().ApplyTo(frame);
  EXPECT_EQ(frame, (std::array<uint32_t, 4>{129, 99, 3, 4}));
}

TEST(SyscallReturnTest, AddressesAreSuccessU32AndResultsMap) {
  EXPECT_EQ(SyscallReturn::SuccessAddress(0x20001000), SyscallReturn::SuccessU32(0x20001000));
  EXPECT_EQ(SyscallReturn::FromResult(Result<void>()), SyscallReturn::Success());
  EXPECT_EQ(SyscallReturn::FromResult(ErrorCode::kOff), SyscallReturn::Failure(ErrorCode::kOff));
  EXPECT_EQ(SyscallReturn::Failure(ErrorCode::kOff).word(0), 4u);
}

TEST(CommandReturnTest, NamedConstructorsWrapTheSameVariants) {
  EXPECT_EQ(CommandReturn::Success().syscall_return(), SyscallReturn::Success());
  EXPECT_EQ(CommandReturn::SuccessU32(5).syscall_return(), SyscallReturn::SuccessU32(5));
  EXPECT_EQ(CommandReturn::SuccessU32U32(5, 6).syscall_return(),
            SyscallReturn::SuccessU32U32(5, 6));
  EXPECT_EQ(CommandReturn::SuccessU64(7).syscall_return(), SyscallReturn::SuccessU64(7));
  EXPECT_EQ(CommandReturn::SuccessU32U32U32(1, 2, 3).syscall_return(),
            SyscallReturn::SuccessU32U32U32(1, 2, 3));
  EXPECT_EQ(CommandReturn::SuccessU32U64(1, 2).syscall_return(),
            SyscallReturn::SuccessU32U64(1, 2));
  EXPECT_EQ(CommandReturn::Failure(ErrorCode::kFail).syscall_return(),
            SyscallReturn::Failure(ErrorCode::kFail));
  EXPECT_EQ(CommandReturn::FailureU32(ErrorCode::kFail, 1).syscall_return(),
            SyscallReturn::FailureU32(ErrorCode::kFail, 1));
  EXPECT_EQ(CommandReturn::FailureU32U32(ErrorCode::kFail, 1, 2).syscall_return(),
            SyscallReturn::FailureU32U32(ErrorCode::kFail, 1, 2));
  EXPECT_EQ(CommandReturn::FailureU64(ErrorCode::kFail, 3).syscall_return(),
            SyscallReturn::FailureU64(ErrorCode::kFail, 3));
  EXPECT_EQ(CommandReturn::FromResult(Result<void>()), CommandReturn::Success());
  EXPECT_EQ(CommandReturn::FromResult(Result<uint32_t>(8u)), CommandReturn::SuccessU32(8));
  EXPECT_EQ(CommandReturn::FromResult(Result<uint32_t>(ErrorCode::kBusy)),
            CommandReturn::Failure(ErrorCode::kBusy));
  EXPECT_TRUE(CommandReturn::SuccessU32(1).IsSuccess());
  EXPECT_FALSE(CommandReturn::Failure(ErrorCode::kBusy).IsSuccess());
}

}  // namespace
}  // namespace tock
