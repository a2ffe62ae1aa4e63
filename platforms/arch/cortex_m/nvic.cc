// NVIC enable/pending helpers.
#include "platforms/arch/cortex_m/nvic.h"

namespace tock::cortex_m {
namespace {
constexpr uint32_t Bit(unsigned irq) { return uint32_t{1} << (irq % 32); }
}  // namespace

void Nvic::Enable(unsigned irq) { kNvic->iser[irq / 32].Set(Bit(irq)); }

void Nvic::Disable(unsigned irq) { kNvic->icer[irq / 32].Set(Bit(irq)); }

void Nvic::ClearPending(unsigned irq) { kNvic->icpr[irq / 32].Set(Bit(irq)); }

bool Nvic::IsPending(unsigned irq) { return (kNvic->ispr[irq / 32].Get() & Bit(irq)) != 0; }

}  // namespace tock::cortex_m
