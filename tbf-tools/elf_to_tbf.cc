// ELF -> TBF conversion (see elf_to_tbf.h). Follows elf2tab src/convert.rs; deviations are
// listed in tbf-tools/README.md ("tbf create vs elf2tab"). Host only.
#include "tbf-tools/elf_to_tbf.h"

#include <algorithm>
#include <bit>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tbf-tools/writer/writer.h"

namespace tock::tbf {
namespace {

constexpr uint32_t kPicFlashAddress = 0x80000000u;  // Tock PIC convention
constexpr uint32_t kMaxSegmentGap = 1u << 20;

uint32_t AlignUp(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

// Appends the header TLVs in elf2tab order; used twice (size pass, final pass).
void AddHeader(TbfWriter& w, const CreateOptions& o, const MainTlv& main,
               const std::vector<WriteableFlashRegion>& wfrs,
               const std::optional<FixedAddresses>& fixed, const std::vector<Permission>& perms) {
  w.SetFlags(o.disabled ? 0 : kFlagEnabled);
  w.AddMain(main);
  w.AddProgram({main.init_fn_offset, main.protected_trailer_size, main.minimum_ram_size,
                TbfWriter::kAutoBinaryEnd, o.app_version});
  if (!o.package_name.empty()) {
    w.AddPackageName(o.package_name);
  }
  for (const auto& r : wfrs) {
    w.AddWriteableFlashRegion(r);
  }
  if (fixed) {
    w.AddFixedAddresses(*fixed);
  }
  if (!perms.empty()) {
    w.AddPermissions(perms);
  }
  if (o.storage) {
    w.AddStoragePermissions(o.storage->write_id, o.storage->read_ids, o.storage->modify_ids);
  }
  if (o.kernel_version) {
    w.AddKernelVersion(*o.kernel_version);
  }
}

uint32_t StackSize(const ElfFile& elf, const CreateOptions& o) {
  if (o.stack) {
    return *o.stack;
  }
  if (const ElfSection* s = elf.FindSection(".stack")) {
    return s->size;
  }
  return 2048;
}

// RAM bytes one loadable segment needs. elf2tab counts writable segments whose VMA differs
// from their LMA (.got/.data/.bss loaded from flash). We also count pure-RAM (filesz 0, VMA ==
// LMA) writable segments, where a non-PIC link puts .bss, but not the bytes of the .stack
// section in them: the stack is added once by the caller, as elf2tab does
// (userland_generic.ld gives .stack its own such segment).
uint64_t SegmentRamBytes(const ElfSegment& s, const ElfSection* stack_section) {
  if (s.type != kPtLoad || s.memsz == 0 || (s.flags & kPfW) == 0) {
    return 0;
  }
  if (s.vaddr != s.paddr) {
    return s.memsz;
  }
  if (s.filesz != 0) {
    return 0;
  }
  uint64_t bytes = s.memsz;
  if (stack_section != nullptr) {
    const uint64_t lo = std::max<uint64_t>(s.vaddr, stack_section->addr);
    const uint64_t hi = std::min<uint64_t>(uint64_t{s.vaddr} + s.memsz,
                                           uint64_t{stack_section->addr} + stack_section->size);
    if (hi > lo) {
      bytes -= hi - lo;
    }
  }
  return bytes;
}

// RAM: stack, RAM-resident segments, heaps.
absl::StatusOr<uint32_t> MinimumRamSize(const ElfFile& elf, const CreateOptions& o,
                                        uint32_t stack) {
  const ElfSection* stack_section = elf.FindSection(".stack");
  uint64_t ram = 0;
  for (const ElfSegment& s : elf.segments()) {
    ram += SegmentRamBytes(s, stack_section);
  }
  ram += AlignUp(stack, 8) + AlignUp(o.app_heap, 4) + AlignUp(o.kernel_heap, 4);
  if (ram > 0xFFFFFFFFu) {
    return absl::InvalidArgumentError("minimum RAM size overflows");
  }
  return static_cast<uint32_t>(ram);
}

// Flash content: loadable segments with file bytes, in LMA order.
absl::StatusOr<std::vector<ElfSegment>> FlashSegments(const ElfFile& elf) {
  std::vector<ElfSegment> flash;
  for (const ElfSegment& s : elf.segments()) {
    if (s.type == kPtLoad && s.filesz > 0) {
      flash.push_back(s);
    }
  }
  if (flash.empty()) {
    return absl::InvalidArgumentError("ELF has no loadable segment with data");
  }
  std::stable_sort(flash.begin(), flash.end(),
                   [](const ElfSegment& a, const ElfSegment& b) { return a.paddr < b.paddr; });
  return flash;
}

bool IsPic(const std::vector<ElfSegment>& flash) {
  bool pic = false;
  for (const ElfSegment& s : flash) {
    if ((s.flags & kPfX) && s.vaddr == kPicFlashAddress) {
      pic = true;
    }
  }
  return pic;
}

// The lowest RAM-resident writable segment minus the stack: the last way to find the RAM start.
absl::StatusOr<uint32_t> RamOriginBelowLowestSegment(const ElfFile& elf, uint32_t stack) {
  std::optional<uint32_t> lowest;
  for (const ElfSegment& s : elf.segments()) {
    if (s.type != kPtLoad || s.memsz == 0 || (s.flags & kPfW) == 0) {
      continue;
    }
    if (s.vaddr == s.paddr && s.filesz != 0) {
      continue;  // flash-resident
    }
    if (!lowest || s.vaddr < *lowest) {
      lowest = s.vaddr;
    }
  }
  if (!lowest) {
    return absl::InvalidArgumentError(
        "--fixed-addresses: no _sram_origin symbol, .stack section or RAM segment");
  }
  if (*lowest < AlignUp(stack, 8)) {
    return absl::InvalidArgumentError("--fixed-addresses: RAM segment below stack size");
  }
  return *lowest - AlignUp(stack, 8);
}

// --fixed-addresses: flash from the first segment's LMA, RAM from the first source that has it.
absl::StatusOr<std::optional<FixedAddresses>> FixedAddressesFor(
    const ElfFile& elf, const CreateOptions& o, const std::vector<ElfSegment>& flash,
    uint32_t stack, CreateReport& rep) {
  if (!o.fixed_addresses) {
    return std::optional<FixedAddresses>();
  }
  if (IsPic(flash)) {
    return absl::InvalidArgumentError("--fixed-addresses given but the app is PIC");
  }
  FixedAddresses f;
  f.start_process_flash = flash.front().paddr;
  std::optional<uint32_t> origin = elf.FindSymbol("_sram_origin");
  if (origin && *origin != 0) {
    f.start_process_ram = *origin;
    rep.ram_origin_source = "symbol _sram_origin";
  } else if (const ElfSection* st = elf.FindSection(".stack");
             st && (st->flags & kShfAlloc) && st->addr != 0) {
    f.start_process_ram = st->addr;
    rep.ram_origin_source = "address of section .stack";
  } else {
    absl::StatusOr<uint32_t> ram = RamOriginBelowLowestSegment(elf, stack);
    if (!ram.ok()) {
      return ram.status();
    }
    f.start_process_ram = *ram;
    rep.ram_origin_source = "lowest RAM segment minus stack size";
  }
  rep.fixed_flash = f.start_process_flash;
  rep.fixed_ram = f.start_process_ram;
  return std::optional<FixedAddresses>(f);
}

// Permissions: one entry per (driver, command/64), bits OR-ed (elf2tab order).
std::vector<Permission> MergePermissions(const CreateOptions& o) {
  std::vector<Permission> perms;
  for (const auto& [driver, command] : o.permissions) {
    bool merged = false;
    for (Permission& p : perms) {
      if (p.driver_number == driver && p.offset == command / 64) {
        p.allowed_commands |= uint64_t{1} << (command % 64);
        merged = true;
      }
    }
    if (!merged) {
      perms.push_back({driver, command / 64, uint64_t{1} << (command % 64)});
    }
  }
  return perms;
}

// The app binary: segments at their LMA distance from the first one, then the relocation block.
struct BinaryLayout {
  std::vector<uint8_t> bytes;
  std::vector<std::pair<uint32_t, uint32_t>> wfr_positions;  // (binary offset, size)
  uint32_t entry = 0;                                        // offset of the entry point
};

// Collects the relocations of the writable sections in segment `s` (placed at binary offset
// `pos`) and the positions of its .wfr sections.
void ScanSegmentSections(const ElfFile& elf, const ElfSegment& s, uint32_t pos,
                         std::vector<uint8_t>& relocations, BinaryLayout& layout) {
  for (const ElfSection& sec : elf.sections()) {
    if (sec.size == 0 || !SectionInSegment(sec, s)) {
      continue;
    }
    if (sec.flags & kShfWrite) {
      if (const ElfSection* rel = elf.FindSection(".rel" + sec.name)) {
        auto d = elf.SectionData(*rel);
        relocations.insert(relocations.end(), d.begin(), d.end());
      }
    }
    if (sec.name.find(".wfr") != std::string::npos) {
      layout.wfr_positions.emplace_back(pos + (sec.addr - s.vaddr), sec.size);
    }
  }
}

absl::StatusOr<BinaryLayout> LayOutBinary(const ElfFile& elf,
                                          const std::vector<ElfSegment>& flash) {
  BinaryLayout layout;
  std::vector<uint8_t>& binary = layout.bytes;
  std::vector<uint8_t> relocations;
  std::optional<uint32_t> entry_in_binary;
  uint32_t last_end = flash.front().paddr;
  for (const ElfSegment& s : flash) {
    if (s.paddr < last_end) {
      return absl::InvalidArgumentError(
          absl::StrFormat("segments overlap in flash at LMA 0x%08x", s.paddr));
    }
    if (s.paddr - last_end > kMaxSegmentGap) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "gap of %u bytes before segment at LMA 0x%08x: is .data linked AT> flash?",
          s.paddr - last_end, s.paddr));
    }
    binary.resize(binary.size() + (s.paddr - last_end), 0);
    const uint32_t pos = static_cast<uint32_t>(binary.size());
    if (elf.entry() >= s.vaddr && elf.entry() - s.vaddr < s.filesz) {
      if (entry_in_binary) {
        return absl::InvalidArgumentError("entry point in two segments");
      }
      entry_in_binary = pos + (elf.entry() - s.vaddr);
    }
    ScanSegmentSections(elf, s, pos, relocations, layout);
    auto data = elf.SegmentData(s);
    binary.insert(binary.end(), data.begin(), data.end());
    last_end = s.paddr + s.filesz;
  }
  if (!entry_in_binary) {
    return absl::InvalidArgumentError(
        absl::StrFormat("entry point 0x%08x is not in a loadable segment", elf.entry()));
  }
  layout.entry = *entry_in_binary;
  // Relocation block: u32 byte length, then the .rel.* data (elf2tab).
  const uint32_t rel_len = static_cast<uint32_t>(relocations.size());
  for (int i = 0; i < 4; ++i) {
    binary.push_back(static_cast<uint8_t>(rel_len >> (8 * i)));
  }
  binary.insert(binary.end(), relocations.begin(), relocations.end());
  return layout;
}

// Header + protected trailer: from the ELF symbol, the option, or (fixed addresses) so that
// the binary lands at its linked flash address.
absl::StatusOr<uint32_t> ProtectedRegionSize(const ElfFile& elf, const CreateOptions& o,
                                             const std::optional<FixedAddresses>& fixed,
                                             uint32_t header_size) {
  uint32_t protected_size = header_size;
  if (std::optional<uint32_t> sym = elf.FindSymbol("tbf_protected_region_size")) {
    protected_size = *sym;
  } else if (o.protected_region_size) {
    protected_size = *o.protected_region_size;
  } else if (fixed) {
    // Put the TBF start on the highest 256-byte boundary that leaves room for the header below
    // the binary (elf2tab aligns down the binary address; this also covers an aligned binary).
    const uint32_t flash_addr = fixed->start_process_flash;
    if (flash_addr < header_size) {
      return absl::InvalidArgumentError("flash address too low");
    }
    const uint32_t tbf_start = (flash_addr - header_size) & ~0xFFu;
    protected_size = flash_addr - tbf_start;
  }
  if (protected_size < header_size) {
    return absl::InvalidArgumentError(absl::StrCat("protected region size ", protected_size,
                                                   " is smaller than the header (", header_size,
                                                   ")"));
  }
  return protected_size;
}

// Footer reservation (elf2tab --minimum-footer-size): at least 8 bytes, 4-aligned.
uint32_t FooterReserve(const CreateOptions& o, uint32_t footers) {
  if (o.minimum_footer_size > footers) {
    return AlignUp(std::max<uint32_t>(o.minimum_footer_size - footers, 8), 4);
  }
  return 0;
}

// Trailing padding per architecture, absorbed by a Reserved credential when >= 8 bytes.
uint32_t PaddedTotalSize(uint16_t machine, uint32_t content) {
  if (machine == kEmArm) {
    return std::popcount(content) > 1 ? std::max<uint32_t>(std::bit_ceil(content), 512) : content;
  }
  if (machine == kEm386 || machine == kEmAmd64) {
    return AlignUp(content, 4096);
  }
  return AlignUp(content, 4);
}

}  // namespace

absl::StatusOr<std::vector<uint8_t>> ElfToTbf(const ElfFile& elf, const CreateOptions& o,
                                              CreateReport* report) {
  CreateReport rep;
  const uint16_t machine = elf.machine();
  if (machine != kEm386 && machine != kEmAmd64 && machine != kEmArm && machine != kEmRiscv) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unsupported e_machine ", machine, " (want EM_386, EM_X86_64 (x32), EM_ARM or EM_RISCV)"));
  }
  const uint32_t stack = StackSize(elf, o);
  absl::StatusOr<uint32_t> ram = MinimumRamSize(elf, o, stack);
  if (!ram.ok()) {
    return ram.status();
  }
  rep.minimum_ram_size = *ram;
  absl::StatusOr<std::vector<ElfSegment>> flash = FlashSegments(elf);
  if (!flash.ok()) {
    return flash.status();
  }
  absl::StatusOr<std::optional<FixedAddresses>> fixed =
      FixedAddressesFor(elf, o, *flash, stack, rep);
  if (!fixed.ok()) {
    return fixed.status();
  }
  const std::vector<Permission> perms = MergePermissions(o);
  absl::StatusOr<BinaryLayout> binary = LayOutBinary(elf, *flash);
  if (!binary.ok()) {
    return binary.status();
  }

  // Header size (values do not change it), then the protected region.
  std::vector<WriteableFlashRegion> wfrs(binary->wfr_positions.size());
  uint32_t header_size;
  {
    TbfWriter probe;
    AddHeader(probe, o, MainTlv{}, wfrs, *fixed, perms);
    header_size = probe.HeaderSize();
  }
  absl::StatusOr<uint32_t> protected_size = ProtectedRegionSize(elf, o, *fixed, header_size);
  if (!protected_size.ok()) {
    return protected_size.status();
  }
  const uint32_t trailer = *protected_size - header_size;
  for (size_t i = 0; i < wfrs.size(); ++i) {
    wfrs[i] = {*protected_size + binary->wfr_positions[i].first, binary->wfr_positions[i].second};
  }
  const MainTlv main{trailer + binary->entry, trailer, rep.minimum_ram_size};

  TbfWriter w;
  AddHeader(w, o, main, wfrs, *fixed, perms);
  w.SetProtectedTrailer(std::vector<uint8_t>(trailer, 0));
  const size_t binary_size = binary->bytes.size();
  w.SetBinary(std::move(binary->bytes));
  if (o.sha256) {
    w.AddHashCredential(CredentialFormat::kSha256);
  }
  if (o.sha384) {
    w.AddHashCredential(CredentialFormat::kSha384);
  }
  if (o.sha512) {
    w.AddHashCredential(CredentialFormat::kSha512);
  }
  if (o.ecdsa_p256_slot) {
    w.AddCredential(CredentialFormat::kEcdsaNistP256, std::vector<uint8_t>(64, 0));
  }
  const uint32_t footers =
      w.ContentSize() - (header_size + trailer + static_cast<uint32_t>(binary_size));
  w.SetTotalSize(PaddedTotalSize(machine, w.ContentSize() + FooterReserve(o, footers)));

  rep.header_size = header_size;
  rep.protected_region_size = *protected_size;
  rep.init_fn_offset = main.init_fn_offset;
  std::vector<uint8_t> out = w.Build();
  rep.total_size = static_cast<uint32_t>(out.size());
  // Program TLV follows Main: its binary_end_offset field sits at byte 48.
  rep.binary_end_offset = Le32(&out[kBaseHeaderSize + 4 + kMainLength + 4 + 12]);
  if (report) {
    *report = rep;
  }
  return out;
}

}  // namespace tock::tbf
