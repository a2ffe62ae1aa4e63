// System Control Block (ARMv7-M ARM B3.2): fault status, vector table offset, system handler
// priorities and enables. Trusted arch code only; the block sits at 0xE000ED00.
#ifndef TOCKPP_PLATFORMS_ARCH_CORTEX_M_SCB_H_
#define TOCKPP_PLATFORMS_ARCH_CORTEX_M_SCB_H_

#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/registers.h"

namespace tock::cortex_m {

struct Icsr {
  static constexpr Field<uint32_t, Icsr, 0, 9> kVectActive{};
  static constexpr Field<uint32_t, Icsr, 25, 1> kPendStClr{};
  static constexpr Field<uint32_t, Icsr, 26, 1> kPendStSet{};
  static constexpr Field<uint32_t, Icsr, 27, 1> kPendSvClr{};
  static constexpr Field<uint32_t, Icsr, 28, 1> kPendSvSet{};
};

struct Aircr {
  static constexpr Field<uint32_t, Aircr, 2, 1> kSysResetReq{};
  static constexpr Field<uint32_t, Aircr, 8, 3> kPriGroup{};
  static constexpr Field<uint32_t, Aircr, 16, 16> kVectKey{};
  static constexpr uint32_t kKey = 0x05FA;
};

struct Ccr {
  static constexpr Field<uint32_t, Ccr, 3, 1> kUnalignTrp{};
  static constexpr Field<uint32_t, Ccr, 4, 1> kDiv0Trp{};
  static constexpr Field<uint32_t, Ccr, 9, 1> kStkAlign{};
};

struct Shcsr {
  static constexpr Field<uint32_t, Shcsr, 16, 1> kMemFaultEna{};
  static constexpr Field<uint32_t, Shcsr, 17, 1> kBusFaultEna{};
  static constexpr Field<uint32_t, Shcsr, 18, 1> kUsgFaultEna{};
};

// Configurable Fault Status: MemManage (bits 0-7), BusFault (8-15), UsageFault (16-31).
struct Cfsr {
  static constexpr Field<uint32_t, Cfsr, 0, 1> kIAccViol{};
  static constexpr Field<uint32_t, Cfsr, 1, 1> kDAccViol{};
  static constexpr Field<uint32_t, Cfsr, 3, 1> kMUnstkErr{};
  static constexpr Field<uint32_t, Cfsr, 4, 1> kMStkErr{};
  static constexpr Field<uint32_t, Cfsr, 5, 1> kMLspErr{};
  static constexpr Field<uint32_t, Cfsr, 7, 1> kMmarValid{};
  static constexpr Field<uint32_t, Cfsr, 8, 1> kIBusErr{};
  static constexpr Field<uint32_t, Cfsr, 9, 1> kPreciseErr{};
  static constexpr Field<uint32_t, Cfsr, 10, 1> kImpreciseErr{};
  static constexpr Field<uint32_t, Cfsr, 11, 1> kUnstkErr{};
  static constexpr Field<uint32_t, Cfsr, 12, 1> kStkErr{};
  static constexpr Field<uint32_t, Cfsr, 13, 1> kLspErr{};
  static constexpr Field<uint32_t, Cfsr, 15, 1> kBfarValid{};
  static constexpr Field<uint32_t, Cfsr, 16, 1> kUndefInstr{};
  static constexpr Field<uint32_t, Cfsr, 17, 1> kInvState{};
  static constexpr Field<uint32_t, Cfsr, 18, 1> kInvPc{};
  static constexpr Field<uint32_t, Cfsr, 19, 1> kNoCp{};
  static constexpr Field<uint32_t, Cfsr, 24, 1> kUnaligned{};
  static constexpr Field<uint32_t, Cfsr, 25, 1> kDivByZero{};
};

struct Hfsr {
  static constexpr Field<uint32_t, Hfsr, 1, 1> kVectTbl{};
  static constexpr Field<uint32_t, Hfsr, 30, 1> kForced{};
  static constexpr Field<uint32_t, Hfsr, 31, 1> kDebugEvt{};
};

struct ScbRegisters {
  ReadOnly<uint32_t> cpuid;          // 0x00
  ReadWrite<uint32_t, Icsr> icsr;    // 0x04
  ReadWrite<uint32_t> vtor;          // 0x08
  ReadWrite<uint32_t, Aircr> aircr;  // 0x0C
  ReadWrite<uint32_t> scr;           // 0x10
  ReadWrite<uint32_t, Ccr> ccr;      // 0x14
  ReadWrite<uint32_t> shpr[3];       // 0x18: priorities of system handlers 4..15
  ReadWrite<uint32_t, Shcsr> shcsr;  // 0x24
  ReadWrite<uint32_t, Cfsr> cfsr;    // 0x28 (write 1 to clear)
  ReadWrite<uint32_t, Hfsr> hfsr;    // 0x2C (write 1 to clear)
  ReadWrite<uint32_t> dfsr;          // 0x30
  ReadWrite<uint32_t> mmfar;         // 0x34
  ReadWrite<uint32_t> bfar;          // 0x38
  ReadWrite<uint32_t> afsr;          // 0x3C
};
static_assert(offsetof(ScbRegisters, shcsr) == 0x24);
static_assert(offsetof(ScbRegisters, bfar) == 0x38);

inline constexpr StaticRef<ScbRegisters> kScb{0xE000ED00};

// Enable the MemManage, BusFault and UsageFault handlers (else they escalate to HardFault)
// and trap divide-by-zero.
void EnableFaultHandlers();

// Point VTOR at a vector table.
void SetVectorTable(const void* table);

}  // namespace tock::cortex_m

#endif  // TOCKPP_PLATFORMS_ARCH_CORTEX_M_SCB_H_
