// QEMU MPS2-AN386 board: boots the chip, announces itself on UART0 and runs the kernel loop.
// Parts list style: every component is a static below, wired in Main().
#include <cstddef>
#include <cstdint>

#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/startup.h"
#include "platforms/arch/cortex_m/vector_table.h"
#include "platforms/chips/mps2_an386/chip.h"

namespace {

using tockpp::mps2::Mps2An386;

Mps2An386 chip;

void PanicWrite(const char* data, size_t len) { chip.uart0().WriteBlocking(data, len); }

void Print(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  chip.uart0().WriteBlocking(s, n);
}

[[noreturn]] void Main() {
  chip.Init();
  tockpp::cortex_m::SetPanicOutput(&PanicWrite);
  Print("tockpp: qemu_mps2_an386 kernel booting\r\n");
  for (;;) {
    chip.ServicePendingInterrupts();
    chip.Sleep();
  }
}

}  // namespace

extern "C" [[noreturn]] void tockpp_reset_handler() {
  tockpp::cortex_m::InitializeRuntime();
  Main();
}

extern "C" [[gnu::section(".vectors"), gnu::used]] const tockpp::cortex_m::VectorTable<
    tockpp::mps2::kNumIrqs>
    tockpp_vectors = tockpp::cortex_m::MakeVectorTable<tockpp::mps2::kNumIrqs>(
        &tockpp_reset_handler);
