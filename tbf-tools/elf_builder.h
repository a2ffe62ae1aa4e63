// ElfBuilder (tests only): writes small little-endian ELF32 files with chosen segments, sections
// and symbols, so `tbf create` can be tested without a cross toolchain. Host only.
#ifndef TOCKPP_TBF_TOOLS_ELF_BUILDER_H_
#define TOCKPP_TBF_TOOLS_ELF_BUILDER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tock::tbf {

struct ElfBuilder {
  struct Segment {
    uint32_t vaddr = 0, paddr = 0, flags = 0, memsz = 0;  // memsz 0 = data size
    std::vector<uint8_t> data;
  };
  struct Section {
    std::string name;
    uint32_t type = 1;  // SHT_PROGBITS
    uint32_t flags = 0;
    int segment = -1;  // >= 0: lies inside that segment at `segment_offset`
    uint32_t segment_offset = 0;
    uint32_t addr = 0;          // for sections outside segments
    uint32_t size = 0;          // for in-segment or NOBITS sections
    std::vector<uint8_t> data;  // for sections outside segments
  };

  uint16_t machine = 40;
  uint32_t entry = 0;
  std::vector<Segment> segments;
  std::vector<Section> sections;
  std::vector<std::pair<std::string, uint32_t>> symbols;

  std::vector<uint8_t> Build() const;
};

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_ELF_BUILDER_H_
