// ELF32 reader (see elf_file.h). Every offset read from the file is range-checked. Host only.
#include "tbf-tools/elf_file.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/lib/types.h"

namespace tbf {
namespace {

bool InRange(size_t size, uint64_t off, uint64_t len) { return off <= size && len <= size - off; }

std::string CString(const std::vector<uint8_t>& b, uint64_t table_off, uint64_t table_size,
                    uint32_t idx) {
  std::string s;
  for (uint64_t i = idx; i < table_size && table_off + i < b.size(); ++i) {
    char c = static_cast<char>(b[table_off + i]);
    if (c == 0) {
      break;
    }
    s += c;
  }
  return s;
}

}  // namespace

absl::StatusOr<ElfFile> ElfFile::Load(const std::string& path) {
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadRegularFile(path);
  if (!bytes.ok()) {
    return bytes.status();
  }
  return Parse(*std::move(bytes));
}

absl::StatusOr<ElfFile> ElfFile::Parse(std::vector<uint8_t> bytes) {
  ElfFile e;
  e.bytes_ = std::move(bytes);
  const auto& b = e.bytes_;
  if (b.size() < 52 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
    return absl::InvalidArgumentError("not an ELF file");
  }
  if (b[4] != 1) {
    return absl::InvalidArgumentError("not a 32-bit ELF (EI_CLASS != ELFCLASS32)");
  }
  if (b[5] != 1) {
    return absl::InvalidArgumentError("not a little-endian ELF");
  }
  e.machine_ = Le16(&b[18]);
  e.entry_ = Le32(&b[24]);
  const uint32_t phoff = Le32(&b[28]), shoff = Le32(&b[32]);
  const uint16_t phentsize = Le16(&b[42]), phnum = Le16(&b[44]);
  const uint16_t shentsize = Le16(&b[46]), shnum = Le16(&b[48]), shstrndx = Le16(&b[50]);
  if (phnum > 0) {
    if (phentsize < 32 || !InRange(b.size(), phoff, uint64_t{phentsize} * phnum)) {
      return absl::InvalidArgumentError("program headers out of range");
    }
    for (uint16_t i = 0; i < phnum; ++i) {
      const uint8_t* p = &b[phoff + size_t{i} * phentsize];
      ElfSegment s{Le32(p),      Le32(p + 4),  Le32(p + 8),  Le32(p + 12),
                   Le32(p + 16), Le32(p + 20), Le32(p + 24), Le32(p + 28)};
      if (s.type == kPtLoad && !InRange(b.size(), s.offset, s.filesz)) {
        return absl::InvalidArgumentError(absl::StrCat("segment ", i, " data out of range"));
      }
      e.segments_.push_back(s);
    }
  }
  if (shnum > 0) {
    if (shentsize < 40 || !InRange(b.size(), shoff, uint64_t{shentsize} * shnum)) {
      return absl::InvalidArgumentError("section headers out of range");
    }
    struct Raw {
      uint32_t name, type, flags, addr, offset, size, link;
    };
    std::vector<Raw> raw;
    for (uint16_t i = 0; i < shnum; ++i) {
      const uint8_t* p = &b[shoff + size_t{i} * shentsize];
      raw.push_back({Le32(p), Le32(p + 4), Le32(p + 8), Le32(p + 12), Le32(p + 16), Le32(p + 20),
                     Le32(p + 24)});
    }
    uint64_t str_off = 0, str_size = 0;
    if (shstrndx < shnum && InRange(b.size(), raw[shstrndx].offset, raw[shstrndx].size)) {
      str_off = raw[shstrndx].offset;
      str_size = raw[shstrndx].size;
    }
    for (const Raw& r : raw) {
      e.sections_.push_back(ElfSection{CString(b, str_off, str_size, r.name), r.type, r.flags,
                                       r.addr, r.offset, r.size});
    }
    // Symbols from SHT_SYMTAB (type 2), names from its linked string table.
    for (const Raw& r : raw) {
      if (r.type != 2 || r.link >= shnum) {
        continue;
      }
      const Raw& strtab = raw[r.link];
      if (!InRange(b.size(), r.offset, r.size) || !InRange(b.size(), strtab.offset, strtab.size)) {
        continue;
      }
      for (uint32_t off = 0; off + 16 <= r.size; off += 16) {
        const uint8_t* p = &b[r.offset + off];
        e.symbols_.emplace_back(CString(b, strtab.offset, strtab.size, Le32(p)), Le32(p + 4));
      }
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

}  // namespace tbf
