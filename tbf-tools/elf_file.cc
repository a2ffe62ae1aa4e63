// ELF32 reader over libelf (see elf_file.h). Segment and section data offsets are range-checked
// against the file before use. Host only.
#include "tbf-tools/elf_file.h"

#include <gelf.h>
#include <libelf.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"
#include "tbf-tools/file_io.h"

namespace tock::tbf {
namespace {

bool InRange(size_t size, uint64_t off, uint64_t len) { return off <= size && len <= size - off; }

struct ElfCloser {
  void operator()(Elf* e) const { elf_end(e); }
};

absl::Status Malformed(absl::string_view what) {
  const char* detail = elf_errmsg(-1);
  return absl::InvalidArgumentError(
      absl::StrCat("malformed ELF: ", what, " (libelf: ", detail != nullptr ? detail : "-", ")"));
}

std::string Name(Elf* elf, size_t strtab, uint32_t offset) {
  const char* s = elf_strptr(elf, strtab, offset);
  return s != nullptr ? s : "";
}

}  // namespace

absl::StatusOr<ElfFile> ElfFile::Load(const std::string& path) {
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadRegularFile(path);
  TOCKPP_RETURN_IF_ERROR(bytes.status());
  return Parse(*std::move(bytes));
}

absl::StatusOr<ElfFile> ElfFile::Parse(std::vector<uint8_t> bytes) {
  static const bool kLibelfReady = elf_version(EV_CURRENT) != EV_NONE;
  if (!kLibelfReady) {
    return absl::InternalError("libelf: version mismatch");
  }
  ElfFile e;
  e.bytes_ = std::move(bytes);
  auto& b = e.bytes_;
  // libelf reads the buffer in place (ELF_C_READ semantics); it outlives `elf` below.
  std::unique_ptr<Elf, ElfCloser> elf(elf_memory(reinterpret_cast<char*>(b.data()), b.size()));
  if (elf == nullptr || elf_kind(elf.get()) != ELF_K_ELF) {
    return absl::InvalidArgumentError("not an ELF file");
  }
  size_t ident_size = 0;
  const char* ident = elf_getident(elf.get(), &ident_size);
  if (ident == nullptr || ident_size < EI_NIDENT || ident[EI_CLASS] != ELFCLASS32) {
    return absl::InvalidArgumentError("not a 32-bit ELF (EI_CLASS != ELFCLASS32)");
  }
  if (ident[EI_DATA] != ELFDATA2LSB) {
    return absl::InvalidArgumentError("not a little-endian ELF");
  }
  const Elf32_Ehdr* eh = elf32_getehdr(elf.get());
  if (eh == nullptr) {
    return Malformed("ELF header");
  }
  e.machine_ = eh->e_machine;
  e.entry_ = eh->e_entry;

  size_t phnum = 0;
  if (elf_getphdrnum(elf.get(), &phnum) != 0) {
    return Malformed("program header count");
  }
  if (phnum > 0) {
    const Elf32_Phdr* ph = elf32_getphdr(elf.get());
    if (ph == nullptr) {
      return Malformed("program headers out of range");
    }
    for (size_t i = 0; i < phnum; ++i) {
      const Elf32_Phdr& p = ph[i];
      ElfSegment s{p.p_type,   p.p_offset, p.p_vaddr, p.p_paddr,
                   p.p_filesz, p.p_memsz,  p.p_flags, p.p_align};
      if (s.type == kPtLoad && !InRange(b.size(), s.offset, s.filesz)) {
        return absl::InvalidArgumentError(absl::StrCat("segment ", i, " data out of range"));
      }
      e.segments_.push_back(s);
    }
  }

  size_t shnum = 0, shstrndx = 0;
  if (elf_getshdrnum(elf.get(), &shnum) != 0) {
    return Malformed("section headers out of range");
  }
  if (shnum > 0 && elf_getshdrstrndx(elf.get(), &shstrndx) != 0) {
    return Malformed("section name table index");
  }
  // Index 0 (SHN_UNDEF) is a real entry in the table; elf_getscn reaches it too.
  for (size_t i = 0; i < shnum; ++i) {
    Elf_Scn* scn = elf_getscn(elf.get(), i);
    const Elf32_Shdr* sh = scn != nullptr ? elf32_getshdr(scn) : nullptr;
    if (sh == nullptr) {
      return Malformed(absl::StrCat("section header ", i));
    }
    e.sections_.push_back(ElfSection{Name(elf.get(), shstrndx, sh->sh_name), sh->sh_type,
                                     sh->sh_flags, sh->sh_addr, sh->sh_offset, sh->sh_size});
    // Symbols from SHT_SYMTAB, names from its linked string table. Unreadable tables are
    // skipped (a stripped or odd file still converts, just without symbol lookups).
    if (sh->sh_type != SHT_SYMTAB || !InRange(b.size(), sh->sh_offset, sh->sh_size)) {
      continue;
    }
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr || data->d_buf == nullptr) {
      continue;
    }
    const auto* syms = static_cast<const Elf32_Sym*>(data->d_buf);
    for (size_t k = 0; k < data->d_size / sizeof(Elf32_Sym); ++k) {
      e.symbols_.emplace_back(Name(elf.get(), sh->sh_link, syms[k].st_name), syms[k].st_value);
    }
  }
  return e;
}

const ElfSection* ElfFile::FindSection(std::string_view name) const {
  for (const auto& s : sections_) {
    if (s.name == name) {
      return &s;
    }
  }
  return nullptr;
}

std::optional<uint32_t> ElfFile::FindSymbol(std::string_view name) const {
  for (const auto& [n, v] : symbols_) {
    if (n == name) {
      return v;
    }
  }
  return std::nullopt;
}

std::span<const uint8_t> ElfFile::SegmentData(const ElfSegment& s) const {
  return std::span<const uint8_t>(bytes_).subspan(s.offset, s.filesz);  // checked in Parse
}

std::span<const uint8_t> ElfFile::SectionData(const ElfSection& s) const {
  if (s.type == kShtNobits || !InRange(bytes_.size(), s.offset, s.size)) {
    return {};
  }
  return std::span<const uint8_t>(bytes_).subspan(s.offset, s.size);
}

bool SectionInSegment(const ElfSection& sec, const ElfSegment& seg) {
  if (seg.type == kPtLoad && (sec.flags & kShfAlloc) == 0) {
    return false;
  }
  if (sec.flags & kShfAlloc) {
    if (seg.memsz == 0) {
      return false;
    }
    if (!(sec.addr >= seg.vaddr && uint64_t{sec.addr - seg.vaddr} + sec.size <= seg.memsz &&
          sec.addr - seg.vaddr <= seg.memsz - 1)) {
      return false;
    }
  }
  if (sec.type == kShtNobits) {
    return true;
  }
  if (seg.filesz == 0) {
    return false;
  }
  return sec.offset >= seg.offset && uint64_t{sec.offset - seg.offset} + sec.size <= seg.filesz &&
         sec.offset - seg.offset <= seg.filesz - 1;
}

}  // namespace tock::tbf
