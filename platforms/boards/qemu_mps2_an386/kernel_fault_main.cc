// Test image: boots the chip, then touches memory nothing answers at, from the kernel. The
// arch fault handler must report a kernel panic with the faulting address and registers.
#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/chips/mps2_an386/chip.h"

namespace {

tock::mps2::Mps2An386 chip;

void DebugWrite(const char* data, size_t len) { chip.uart0().WriteBlocking(data, len); }

[[noreturn]] void Main() {
  chip.Init();
  tock::cortex_m::SetPanicOutput(&DebugWrite);
  tock::cortex_m::PanicPrint("kernel_fault_test: reading 0xF0000000 from the kernel\r\n");
  // The System PPB region above 0xE0100000 is reserved: the read is a precise BusFault.
  volatile uint32_t value = *reinterpret_cast<volatile uint32_t*>(uintptr_t{0xF000'0000});
  (void)value;
  tock::cortex_m::PanicPrint("kernel_fault_test: ERROR the read returned\r\n");
  for (;;) {
  }
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  tock::cortex_m::InitializeRuntime();
  Main();
}

extern "C"
    [[gnu::section(".vectors"), gnu::used]] const tock::cortex_m::VectorTable<tock::mps2::kNumIrqs>
        tockpp_vectors =
            tock::cortex_m::MakeVectorTable<tock::mps2::kNumIrqs>(&tockpp_reset_handler);
