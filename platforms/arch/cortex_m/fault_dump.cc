// Fault dumps and kernel panics.
#include "platforms/arch/cortex_m/fault_dump.h"

#include "platforms/arch/cortex_m/scb.h"

namespace tock::cortex_m {
namespace {
RawWrite g_output = nullptr;

size_t Length(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') {
    ++n;
  }
  return n;
}

void PrintReg(const char* name, uint32_t v) {
  PanicPrint(name);
  PanicPrint(" ");
  PanicPrintHex(v);
  PanicPrint("\r\n");
}
bool InAppBinary(uint32_t addr, const ProcessMap& map) {
  return map.app_start != 0 && addr >= map.app_start && addr < map.flash_end;
}

// No DWARF on the board: the PC's (and LR's) offset into the app binary and the addr2line
// command that turns them into function, file and line on the developer's machine. LR is a
// Thumb return address: LR - 1 with bit 0 clear lies in the calling instruction.
void PrintSourceHint(uint32_t pc, uint32_t lr, const ProcessMap& map) {
  if (!InAppBinary(pc, map)) {
    return;
  }
  const uint32_t caller = (lr & ~1u) - 1;
  const bool lr_in_app = InAppBinary(lr & ~1u, map);
  PanicPrint("PC at app offset ");
  PanicPrintHex(pc - map.app_start);
  if (lr_in_app) {
    PanicPrint(", LR at ");
    PanicPrintHex((lr & ~1u) - map.app_start);
  }
  PanicPrint(" (app binary at ");
  PanicPrintHex(map.app_start);
  PanicPrint(")\r\nSource: arm-none-eabi-addr2line -fipe APP.elf ");
  PanicPrintHex(kAppElfFlashOrigin + (pc - map.app_start));
  if (lr_in_app) {
    PanicPrint(" ");
    PanicPrintHex(kAppElfFlashOrigin + (caller - map.app_start));
  }
  PanicPrint("\r\n");
}
}  // namespace

void SetPanicOutput(RawWrite write) { g_output = write; }

void PanicPrint(const char* s) {
  if (g_output != nullptr) {
    g_output(s, Length(s));
  }
}

void PanicPrintN(const char* s, size_t len) {
  if (g_output != nullptr) {
    g_output(s, len);
  }
}

void PanicPrintHex(uint32_t v) {
  char buf[10] = {'0', 'x'};
  for (int i = 0; i < 8; ++i) {
    buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xF];
  }
  if (g_output != nullptr) {
    g_output(buf, sizeof(buf));
  }
}

const char* DescribeFault(const FaultInfo& f) {
  if (Cfsr::kDAccViol.Read(f.cfsr)) {
    return "MemManage: data access violation";
  }
  if (Cfsr::kIAccViol.Read(f.cfsr)) {
    return "MemManage: instruction access violation";
  }
  if (Cfsr::kMStkErr.Read(f.cfsr)) {
    return "MemManage: stacking error (stack overflow)";
  }
  if (Cfsr::kMUnstkErr.Read(f.cfsr)) {
    return "MemManage: unstacking error";
  }
  if (Cfsr::kPreciseErr.Read(f.cfsr)) {
    return "BusFault: precise data bus error";
  }
  if (Cfsr::kImpreciseErr.Read(f.cfsr)) {
    return "BusFault: imprecise data bus error";
  }
  if (Cfsr::kIBusErr.Read(f.cfsr)) {
    return "BusFault: instruction bus error";
  }
  if (Cfsr::kStkErr.Read(f.cfsr)) {
    return "BusFault: stacking error";
  }
  if (Cfsr::kUndefInstr.Read(f.cfsr)) {
    return "UsageFault: undefined instruction";
  }
  if (Cfsr::kInvState.Read(f.cfsr)) {
    return "UsageFault: invalid state (Thumb bit)";
  }
  if (Cfsr::kInvPc.Read(f.cfsr)) {
    return "UsageFault: invalid EXC_RETURN";
  }
  if (Cfsr::kNoCp.Read(f.cfsr)) {
    return "UsageFault: no coprocessor";
  }
  if (Cfsr::kUnaligned.Read(f.cfsr)) {
    return "UsageFault: unaligned access";
  }
  if (Cfsr::kDivByZero.Read(f.cfsr)) {
    return "UsageFault: divide by zero";
  }
  if (Hfsr::kForced.Read(f.hfsr)) {
    return "HardFault: escalated fault";
  }
  if (Hfsr::kVectTbl.Read(f.hfsr)) {
    return "HardFault: vector table read";
  }
  return "fault";
}

void DumpProcessFault(const char* name, size_t name_len, const FaultInfo& fault,
                      const StoredState& state, const HwFrame* frame, const ProcessMap& map) {
  DumpProcessFault(name, name_len, DescribeFault(fault), fault, state, frame, map);
}

void DumpProcessFault(const char* name, size_t name_len, const char* cause, const FaultInfo& fault,
                      const StoredState& state, const HwFrame* frame, const ProcessMap& map) {
  PanicPrint("\r\nProcess ");
  PanicPrintN(name, name_len);
  PanicPrint(" had a fault\r\n---| App Status: ");
  PanicPrintN(name, name_len);
  PanicPrint(" |---\r\n");
  PanicPrint("Fault: ");
  PanicPrint(cause);
  PanicPrint("\r\n");
  if (Cfsr::kMmarValid.Read(fault.cfsr)) {
    PrintReg("Faulting address (MMFAR):", fault.mmfar);
  }
  if (Cfsr::kBfarValid.Read(fault.cfsr)) {
    PrintReg("Faulting address (BFAR):", fault.bfar);
  }
  PrintReg("CFSR:", fault.cfsr);
  PrintReg("HFSR:", fault.hfsr);
  if (frame != nullptr) {
    const char* names[] = {"R0 ", "R1 ", "R2 ", "R3 ", "R12", "LR ", "PC ", "PSR"};
    const uint32_t* words = &frame->r0;
    for (int i = 0; i < 8; ++i) {
      PrintReg(names[i], words[i]);
    }
  } else {
    PanicPrint("(stacked frame outside process memory)\r\n");
  }
  if (frame != nullptr) {
    PrintSourceHint(frame->pc, frame->lr, map);
  }
  const char* callee[] = {"R4 ", "R5 ", "R6 ", "R7 ", "R8 ", "R9 ", "R10", "R11"};
  for (int i = 0; i < 8; ++i) {
    PrintReg(callee[i], state.regs[i]);
  }
  PrintReg("SP ", state.psp);
  PanicPrint(" Address    | Region\r\n");
  const struct {
    uint32_t addr;
    const char* what;
  } rows[] = {
      {map.memory_end, "memory end"},
      {map.kernel_break, "grant region start (kernel-owned, no app access)"},
      {map.app_break, "app break (app may access below)"},
      {state.psp, "stack pointer"},
      {map.memory_start, "memory start"},
      {map.flash_end, "flash end"},
      {map.flash_start, "flash start"},
  };
  for (const auto& row : rows) {
    PanicPrint(" ");
    PanicPrintHex(row.addr);
    PanicPrint(" | ");
    PanicPrint(row.what);
    PanicPrint("\r\n");
  }
  PrintReg("Grant bytes in use:", map.memory_end - map.kernel_break);
}

void Panic(const char* why) {
  asm volatile("cpsid i" ::: "memory");
  PanicPrint("\r\nKernel panic: ");
  PanicPrint(why);
  PanicPrint("\r\n");
  for (;;) {
    asm volatile("wfi");
  }
}

}  // namespace tock::cortex_m

// Called from exceptions.S for a fault taken in the kernel.
extern "C" [[noreturn]] void tockpp_cm_kernel_fault(const uint32_t* frame, uint32_t exc_return,
                                                    const uint32_t* callee) {
  using namespace tock::cortex_m;
  asm volatile("cpsid i" ::: "memory");
  uint32_t ipsr;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  FaultInfo f{ipsr, kScb->cfsr.Get(), kScb->hfsr.Get(), kScb->mmfar.Get(), kScb->bfar.Get()};
  PanicPrint("\r\nKernel panic: fault in kernel: ");
  PanicPrint(DescribeFault(f));
  PanicPrint("\r\n");
  PrintReg("Exception", ipsr);
  PrintReg("EXC_RETURN", exc_return);
  PrintReg("CFSR", f.cfsr);
  PrintReg("MMFAR", f.mmfar);
  PrintReg("BFAR", f.bfar);
  const char* names[] = {"R0 ", "R1 ", "R2 ", "R3 ", "R12", "LR ", "PC ", "PSR"};
  for (int i = 0; i < 8; ++i) {
    PrintReg(names[i], frame[i]);
  }
  for (int i = 0; i < 8; ++i) {
    PanicPrint("R");
    char d[3] = {static_cast<char>('0' + (4 + i) / 10), static_cast<char>('0' + (4 + i) % 10), 0};
    PanicPrint((4 + i) < 10 ? d + 1 : d);
    PanicPrint(" ");
    PanicPrintHex(callee[i]);
    PanicPrint("\r\n");
  }
  for (;;) {
    asm volatile("wfi");
  }
}

// NMI, DebugMonitor, PendSV: nothing should raise them.
extern "C" void tockpp_cm_unhandled() { tock::cortex_m::Panic("unexpected exception"); }
