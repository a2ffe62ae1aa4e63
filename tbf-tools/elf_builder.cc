// ElfBuilder implementation (see elf_builder.h). Tests only.
#include "tbf-tools/elf_builder.h"

namespace tock::tbf {
namespace {

void Put16(std::vector<uint8_t>& v, size_t at, uint16_t x) {
  if (v.size() < at + 2) {
    v.resize(at + 2);
  }
  v[at] = static_cast<uint8_t>(x);
  v[at + 1] = static_cast<uint8_t>(x >> 8);
}
void Put32(std::vector<uint8_t>& v, size_t at, uint32_t x) {
  Put16(v, at, static_cast<uint16_t>(x));
  Put16(v, at + 2, static_cast<uint16_t>(x >> 16));
}
void Align(std::vector<uint8_t>& v, size_t a) { v.resize((v.size() + a - 1) / a * a, 0); }

uint32_t AddString(std::vector<uint8_t>& table, const std::string& s) {
  const uint32_t at = static_cast<uint32_t>(table.size());
  table.insert(table.end(), s.begin(), s.end());
  table.push_back(0);
  return at;
}

}  // namespace

std::vector<uint8_t> ElfBuilder::Build() const {
  std::vector<uint8_t> out(52, 0);
  const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 1, 1, 1};
  for (size_t i = 0; i < sizeof(ident); ++i) {
    out[i] = ident[i];
  }
  Put16(out, 16, 2);  // ET_EXEC
  Put16(out, 18, machine);
  Put32(out, 20, 1);
  Put32(out, 24, entry);
  const size_t phoff = out.size();
  out.resize(phoff + 32 * segments.size(), 0);
  std::vector<uint32_t> seg_off;
  for (const Segment& s : segments) {
    Align(out, 4);
    seg_off.push_back(static_cast<uint32_t>(out.size()));
    out.insert(out.end(), s.data.begin(), s.data.end());
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    const size_t p = phoff + 32 * i;
    Put32(out, p, 1);  // PT_LOAD
    Put32(out, p + 4, seg_off[i]);
    Put32(out, p + 8, s.vaddr);
    Put32(out, p + 12, s.paddr);
    Put32(out, p + 16, static_cast<uint32_t>(s.data.size()));
    Put32(out, p + 20, s.memsz ? s.memsz : static_cast<uint32_t>(s.data.size()));
    Put32(out, p + 24, s.flags);
    Put32(out, p + 28, 4);
  }
  // Section headers: null, user sections, .symtab, .strtab, .shstrtab.
  std::vector<uint8_t> shstr(1, 0), str(1, 0), symtab(16, 0);
  struct Hdr {
    uint32_t name, type, flags, addr, offset, size, link, entsize;
  };
  std::vector<Hdr> hdrs{{0, 0, 0, 0, 0, 0, 0, 0}};
  for (const Section& s : sections) {
    Hdr h{AddString(shstr, s.name), s.type, s.flags, s.addr, 0, s.size, 0, 0};
    if (s.segment >= 0) {
      h.addr = segments[s.segment].vaddr + s.segment_offset;
      h.offset = seg_off[s.segment] + s.segment_offset;
    } else if (s.type != 8) {
      Align(out, 4);
      h.offset = static_cast<uint32_t>(out.size());
      h.size = static_cast<uint32_t>(s.data.size());
      out.insert(out.end(), s.data.begin(), s.data.end());
    } else {
      h.offset = static_cast<uint32_t>(out.size());
    }
    hdrs.push_back(h);
  }
  for (const auto& [name, value] : symbols) {
    const size_t at = symtab.size();
    symtab.resize(at + 16, 0);
    Put32(symtab, at, AddString(str, name));
    Put32(symtab, at + 4, value);
    symtab[at + 14] = 0xF1;  // SHN_ABS
  }
  const uint32_t symtab_index = static_cast<uint32_t>(hdrs.size());
  auto place = [&](const std::vector<uint8_t>& d) {
    Align(out, 4);
    const uint32_t at = static_cast<uint32_t>(out.size());
    out.insert(out.end(), d.begin(), d.end());
    return at;
  };
  const uint32_t symtab_name = AddString(shstr, ".symtab");
  const uint32_t strtab_name = AddString(shstr, ".strtab");
  const uint32_t shstr_name = AddString(shstr, ".shstrtab");
  hdrs.push_back({symtab_name, 2, 0, 0, place(symtab), static_cast<uint32_t>(symtab.size()),
                  symtab_index + 1, 16});
  hdrs.push_back({strtab_name, 3, 0, 0, place(str), static_cast<uint32_t>(str.size()), 0, 0});
  hdrs.push_back({shstr_name, 3, 0, 0, place(shstr), static_cast<uint32_t>(shstr.size()), 0, 0});
  Align(out, 4);
  const uint32_t shoff = static_cast<uint32_t>(out.size());
  for (const Hdr& h : hdrs) {
    const size_t p = out.size();
    out.resize(p + 40, 0);
    Put32(out, p, h.name);
    Put32(out, p + 4, h.type);
    Put32(out, p + 8, h.flags);
    Put32(out, p + 12, h.addr);
    Put32(out, p + 16, h.offset);
    Put32(out, p + 20, h.size);
    Put32(out, p + 24, h.link);
    Put32(out, p + 36, h.entsize);
  }
  Put32(out, 28, static_cast<uint32_t>(phoff));
  Put32(out, 32, shoff);
  Put16(out, 40, 52);
  Put16(out, 42, 32);
  Put16(out, 44, static_cast<uint16_t>(segments.size()));
  Put16(out, 46, 40);
  Put16(out, 48, static_cast<uint16_t>(hdrs.size()));
  Put16(out, 50, static_cast<uint16_t>(hdrs.size() - 1));
  return out;
}

}  // namespace tock::tbf
