// NVIC enable/pending helpers.
#include "platforms/arch/cortex_m/nvic.h"

#include <bit>

namespace tockpp::cortex_m {
namespace {
constexpr uint32_t Bit(unsigned irq) { return uint32_t{1} << (irq % 32); }
}  // namespace

void Nvic::Enable(unsigned irq) { kNvic->iser[irq / 32].Set(Bit(irq)); }

void Nvic::Disable(unsigned irq) { kNvic->icer[irq / 32].Set(Bit(irq)); }

void Nvic::ClearPending(unsigned irq) { kNvic->icpr[irq / 32].Set(Bit(irq)); }

bool Nvic::IsPending(unsigned irq) { return (kNvic->ispr[irq / 32].Get() & Bit(irq)) != 0; }

std::optional<unsigned> Nvic::NextPending(unsigned num_irqs) {
  for (unsigned word = 0; word * 32 < num_irqs; ++word) {
    uint32_t pending = kNvic->ispr[word].Get();
    if (pending != 0) {
      unsigned irq = word * 32 + static_cast<unsigned>(std::countr_zero(pending));
      if (irq < num_irqs) return irq;
    }
  }
  return std::nullopt;
}

void Nvic::EnableAll(unsigned num_irqs) {
  for (unsigned word = 0; word * 32 < num_irqs; ++word) {
    kNvic->icpr[word].Set(~uint32_t{0});
    kNvic->iser[word].Set(~uint32_t{0});
  }
}

}  // namespace tockpp::cortex_m
