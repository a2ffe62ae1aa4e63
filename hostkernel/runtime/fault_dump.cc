// The host fault dump; see fault_dump.h.
#include "hostkernel/runtime/fault_dump.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <utility>

#include "hostkernel/runtime/escaped_name.h"

namespace tock::hostkernel {
namespace {

AppElfPaths& ElfPaths() {
  static AppElfPaths paths;
  return paths;
}

// The page below RAM is never mapped; the stack sits at the bottom of RAM (crt0), so a fault
// there is most likely the stack running out.
constexpr uint32_t kGuardBytes = 4096;
constexpr uint32_t kCrt0HeaderBytes = 40;
constexpr uint32_t kCrt0StackSizeOffset = 36;

// The app's 8-byte words in RAM or flash, through the kernel's own view of app memory.
WordReader AppMemoryReader(const tock::Process& p) {
  return [&p](uint64_t address, uint64_t* word) {
    if (address > UINT32_MAX - 8) {
      return false;
    }
    const uint32_t a = static_cast<uint32_t>(address);
    const uint8_t* src = p.RamPointer(a, 8);
    if (src == nullptr) {
      src = p.FlashPointer(a, 8);
    }
    if (src == nullptr) {
      return false;
    }
    std::memcpy(word, src, 8);
    return true;
  };
}

}  // namespace

void SetFaultDumpElfPaths(AppElfPaths paths) { ElfPaths() = std::move(paths); }

uint32_t Crt0StackSize(const tock::Process& p) {
  if (p.tbf() == nullptr) {
    return 0;
  }
  const uint32_t header = p.tbf()->app_start();
  if (header + kCrt0HeaderBytes > p.flash_end() || header + kCrt0HeaderBytes < header) {
    return 0;
  }
  const uint8_t* bytes = p.FlashPointer(header + kCrt0StackSizeOffset, 4);
  if (bytes == nullptr) {
    return 0;
  }
  uint32_t stack = 0;
  std::memcpy(&stack, bytes, 4);
  return stack > 0 && stack <= p.memory_len() ? stack : 0;
}

std::string FormatFaultDump(const tock::Process& p, const ExitInfo& exit) {
  const std::string name(p.name(), p.name_length());
  const AppElfPaths& paths = ElfPaths();
  auto elf = paths.elf.find(name);
  if (elf == paths.elf.end()) {
    auto missing = paths.missing.find(name);
    return FormatFaultDump(p, exit, nullptr,
                           missing == paths.missing.end() ? "no ELF given" : missing->second);
  }
  absl::StatusOr<std::unique_ptr<Symbolizer>> symbols = Symbolizer::Open(elf->second);
  if (!symbols.ok()) {
    return FormatFaultDump(p, exit, nullptr, std::string{symbols.status().message()});
  }
  return FormatFaultDump(p, exit, symbols->get(), "");
}

std::string FormatFaultDump(const tock::Process& p, const ExitInfo& exit, const Symbolizer* symbols,
                            const std::string& no_symbols) {
  char buf[1536];
  std::string out;
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(buf, sizeof(buf), fmt, args...);
    out += buf;
  };
  const std::string name = EscapedName(p);
  add("---| Process fault: %s (restart count %u) |---\n", name.c_str(), p.restart_count());
  add("Cause: %s\n", exit.Describe().c_str());
  if (exit.fault && exit.fault->valid == 1) {
    const tock_fault_info& f = *exit.fault;
    add("Fault address: 0x%08" PRIx32 "   (signal %" PRIu32 ", code %" PRIu32 ")\n", f.addr,
        f.signo, f.code);
    if (p.memory_start() >= kGuardBytes && f.addr < p.memory_start() &&
        f.addr >= p.memory_start() - kGuardBytes) {
      const uint32_t stack = Crt0StackSize(p);
      add("Stack overflow? The fault is %" PRIu32 " bytes below RAM (0x%08" PRIx32
          "), where the %s stack ends%s\n",
          p.memory_start() - f.addr, p.memory_start(),
          stack != 0 ? (std::to_string(stack) + "-byte").c_str() : "app's",
          stack != 0 ? " (crt0 header stack_size; tock_app's `stack`)" : "");
    }
    const std::string at = symbols != nullptr ? symbols->Describe(f.rip) : "";
    add("rip 0x%08" PRIx64 "  %s\n", f.rip,
        symbols == nullptr ? ("(no symbols: " + no_symbols + ")").c_str()
                           : (at.empty() ? "??" : at.c_str()));
    add("rsp 0x%08" PRIx64 "  rbp 0x%08" PRIx64 "  rflags 0x%08" PRIx64 "\n", f.rsp, f.rbp,
        f.rflags);
    add("rax 0x%08" PRIx64 "  rbx 0x%08" PRIx64 "  rcx 0x%08" PRIx64 "  rdx 0x%08" PRIx64 "\n",
        f.rax, f.rbx, f.rcx, f.rdx);
    add("rsi 0x%08" PRIx64 "  rdi 0x%08" PRIx64 "\n", f.rsi, f.rdi);
    if (symbols != nullptr) {
      const UnwindRegisters regs{.rip = f.rip,
                                 .rsp = f.rsp,
                                 .rbp = f.rbp,
                                 .rax = f.rax,
                                 .rbx = f.rbx,
                                 .rcx = f.rcx,
                                 .rdx = f.rdx,
                                 .rsi = f.rsi,
                                 .rdi = f.rdi};
      const std::vector<uint64_t> pcs =
          symbols->Unwind(regs, AppMemoryReader(p), kFaultDumpMaxFrames);
      add("Backtrace (symbols from %s):\n", symbols->path().c_str());
      for (size_t i = 0; i < pcs.size();) {
        // A caller's PC is a return address: its call is the instruction before.
        const std::string where = symbols->Describe(i == 0 ? pcs[i] : pcs[i] - 1);
        add("  #%zu 0x%08" PRIx64 "  %s\n", i, pcs[i], where.empty() ? "??" : where.c_str());
        size_t next = i + 1;
        while (next < pcs.size() && pcs[next] == pcs[i]) {
          ++next;  // deep recursion: one line for the run
        }
        if (next > i + 1) {
          add("  ... #%zu to #%zu: the same as #%zu\n", i + 1, next - 1, i);
        }
        i = next;
      }
    }
  }
  const uint32_t grant_bytes = p.kernel_memory_used();
  add("App memory map:\n");
  add("  flash   0x%08" PRIx32 " .. 0x%08" PRIx32 "  (%" PRIu32 " bytes, protected to 0x%08" PRIx32
      ")\n",
      p.flash_start(), p.flash_end(), p.flash_end() - p.flash_start(), p.flash_protected_end());
  add("  RAM     0x%08" PRIx32 " .. 0x%08" PRIx32 "  (%" PRIu32 " bytes)\n", p.memory_start(),
      p.memory_end(), p.memory_len());
  add("  app break     0x%08" PRIx32 "  (app uses %" PRIu32 " bytes)\n", p.app_break(),
      p.app_break() - p.memory_start());
  add("  kernel break  0x%08" PRIx32 "  (grants + upcall queue: %" PRIu32 " bytes)\n",
      p.kernel_memory_break(), grant_bytes);
  add("  free          %" PRIu32 " bytes", p.kernel_memory_break() - p.app_break());
  return out;
}

}  // namespace tock::hostkernel
