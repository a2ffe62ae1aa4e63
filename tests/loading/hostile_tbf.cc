// Hostile TBF generator (see hostile_tbf.h). The base app is rebuilt from a small model (base
// header, TLVs, protected trailer, binary, footers) so that each case changes one thing and
// everything else stays consistent: the binary stays at the same offset (the trailer absorbs
// header growth), sizes and the checksum are recomputed. Rules assumed for the host (issue 18)
// are stated once here and per case in `rule`:
//   H-flash: tockd maps every TBF at 0x10000000 (TOCK_HOST_FLASH_ADDR); host apps are linked
//     at a fixed address, so FixedAddresses.start_process_flash must be present and equal
//     0x10000000 + header_size + protected_trailer_size (upstream's check with the host's
//     TBF start). Foreign (Cortex-M, RISC-V) builds fail it: position independent or elsewhere.
//   H-ram: start_process_ram must be 0x20000000 (TOCK_HOST_RAM_ADDR) or 0xFFFFFFFF (not fixed).
//   H-entry: the entry (init offset) must lie in the binary and be 4-byte aligned (an odd one
//     is a Thumb entry: a Cortex-M build).
//   H-ram-cap: minimum_ram_size over --app-ram-max (default well under 256 MiB) is refused.
//   H-lib: tbf-tools/lib's parser is stricter than upstream on duplicate singleton TLVs,
//     zero-length TLVs and more than 8 writeable regions or credentials; tockd refuses those.
#include "tests/loading/hostile_tbf.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tbf-tools/lib/checksum.h"
#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/sha2.h"
#include "tbf-tools/lib/types.h"
#include "tbf-tools/tab.h"

namespace tock::loading {
namespace {

using Bytes = std::vector<uint8_t>;

constexpr uint32_t kHostFlash = 0x10000000u;
constexpr uint32_t kHostRam = 0x20000000u;

void Put16(Bytes& b, size_t at, uint16_t v) {
  if (at + 2 > b.size()) {
    return;
  }
  b[at] = static_cast<uint8_t>(v);
  b[at + 1] = static_cast<uint8_t>(v >> 8);
}
void Put32(Bytes& b, size_t at, uint32_t v) {
  if (at + 4 > b.size()) {
    return;
  }
  for (int i = 0; i < 4; ++i) {
    b[at + i] = static_cast<uint8_t>(v >> (8 * i));
  }
}
void Append16(Bytes& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v));
  b.push_back(static_cast<uint8_t>(v >> 8));
}
void Append32(Bytes& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    b.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
}
uint32_t Get32(const Bytes& b, size_t at) {
  return at + 4 <= b.size() ? tock::tbf::Le32(b.data() + at) : 0;
}
// Recomputes the header checksum over the first header_size bytes (as many as exist).
void FixChecksum(Bytes& b) {
  if (b.size() < 16) {
    return;
  }
  const size_t hs = tock::tbf::Le16(b.data() + 2);
  Put32(
      b, 12,
      tock::tbf::ComputeHeaderChecksum(std::span<const uint8_t>(b.data(), std::min(hs, b.size()))));
}
Bytes Str(std::string_view s) { return Bytes(s.begin(), s.end()); }

struct Tlv {
  uint16_t type;
  Bytes payload;                        // padded to 4 in the layout
  std::optional<uint16_t> length = {};  // length field if not payload.size()
};

struct Credential {
  uint32_t format;
  Bytes data;  // ignored when `hash` (computed over [0, binary_end))
  bool hash = false;
  bool corrupt = false;                 // flip a bit of the computed hash
  std::optional<uint16_t> length = {};  // length field if not 4 + data size
};

// A TBF as the host tock_app macro lays it out, field by field.
struct Spec {
  uint16_t version = 2;
  uint32_t flags = tock::tbf::kFlagEnabled;
  bool main = true;
  bool program = true;
  std::optional<uint16_t> main_length, program_length;  // payload cut/extended to this
  uint32_t entry = 0;                                   // init offset from the binary start
  uint32_t min_ram = 0;
  uint32_t app_version = 0;
  std::optional<Bytes> name;
  std::optional<std::pair<uint32_t, uint32_t>> fixed;  // (ram, flash)
  std::vector<Tlv> extra;                              // after FixedAddresses
  uint32_t binary_offset = 0;  // header + trailer, as long as the header fits below it
  Bytes binary;
  std::vector<Credential> credentials;
  uint32_t total = 0;  // 0 = what the content needs, rounded up to 4096
  // Applied to Main and Program after layout (semantic overrides), and to Main only.
  std::optional<uint32_t> init, trailer, ram, binary_end;
  std::optional<uint32_t> main_only_init, main_only_ram;
};

struct Layout {
  uint32_t header_size = 0, binary_offset = 0, binary_end = 0, total = 0;
  size_t main_at = 0, program_at = 0, name_at = 0, fixed_at = 0;
  std::vector<size_t> extra_at;
};

uint32_t PaddedTlvSize(size_t payload) {
  return static_cast<uint32_t>(4 + ((payload + 3) & ~size_t{3}));
}

// Sizes and offsets of `s` (not the TLV positions, which WriteHeader fills in).
Layout SizeLayout(const Spec& s) {
  Layout l;
  // Main/Program payloads are fixed-size, filled by WriteHeader.
  uint32_t hs = 16;
  if (s.main) {
    hs += PaddedTlvSize(s.main_length.value_or(tock::tbf::kMainLength));
  }
  if (s.program) {
    hs += PaddedTlvSize(s.program_length.value_or(tock::tbf::kProgramLength));
  }
  if (s.name) {
    hs += PaddedTlvSize(s.name->size());
  }
  if (s.fixed.has_value()) {
    hs += PaddedTlvSize(8);
  }
  for (const Tlv& t : s.extra) {
    hs += PaddedTlvSize(t.payload.size());
  }
  l.header_size = hs;
  l.binary_offset = std::max(s.binary_offset, hs);
  l.binary_end = l.binary_offset + static_cast<uint32_t>(s.binary.size());
  uint32_t footer_bytes = 0;
  for (const Credential& c : s.credentials) {
    footer_bytes += 8 + static_cast<uint32_t>(c.data.size());
  }
  const uint32_t content = l.binary_end + footer_bytes;
  l.total = s.total != 0 ? s.total : (content + 4095) & ~4095u;
  return l;
}

// Appends one TLV (payload padded to 4) and returns its offset.
size_t AppendTlv(Bytes& b, uint16_t type, const Bytes& payload, std::optional<uint16_t> length) {
  const size_t at = b.size();
  Append16(b, type);
  Append16(b, length.value_or(static_cast<uint16_t>(payload.size())));
  b.insert(b.end(), payload.begin(), payload.end());
  while (b.size() % 4 != 0) {
    b.push_back(0);
  }
  return at;
}

// Base header (checksum 0) and the TLVs, recording each TLV's offset in `l`.
Bytes WriteHeader(const Spec& s, Layout& l) {
  const uint32_t trailer = l.binary_offset - l.header_size;
  Bytes b;
  Append16(b, s.version);
  Append16(b, static_cast<uint16_t>(l.header_size));
  Append32(b, l.total);
  Append32(b, s.flags);
  Append32(b, 0);
  const uint32_t init = s.init.value_or(trailer + s.entry);
  const uint32_t trl = s.trailer.value_or(trailer);
  const uint32_t ram = s.ram.value_or(s.min_ram);
  if (s.main) {
    Bytes p;
    Append32(p, s.main_only_init.value_or(init));
    Append32(p, trl);
    Append32(p, s.main_only_ram.value_or(ram));
    p.resize(s.main_length.value_or(tock::tbf::kMainLength), 0);
    l.main_at = AppendTlv(b, 1, p, std::nullopt);
  }
  if (s.program) {
    Bytes p;
    Append32(p, init);
    Append32(p, trl);
    Append32(p, ram);
    Append32(p, s.binary_end.value_or(l.binary_end));
    Append32(p, s.app_version);
    p.resize(s.program_length.value_or(tock::tbf::kProgramLength), 0);
    l.program_at = AppendTlv(b, 9, p, std::nullopt);
  }
  if (s.name) {
    l.name_at = AppendTlv(b, 3, *s.name, std::nullopt);
  }
  if (s.fixed.has_value()) {
    Bytes p;
    Append32(p, s.fixed->first);
    Append32(p, s.fixed->second);
    l.fixed_at = AppendTlv(b, 5, p, std::nullopt);
  }
  for (const Tlv& t : s.extra) {
    l.extra_at.push_back(AppendTlv(b, t.type, t.payload, t.length));
  }
  return b;
}

// The credential's data: as given, or the hash of [0, binary_end) (optionally corrupted).
Bytes CredentialData(const Credential& c, const Bytes& b, uint32_t binary_end) {
  Bytes data = c.data;
  if (!c.hash) {
    return data;
  }
  const std::span<const uint8_t> covered(b.data(), binary_end);
  if (c.format == 3) {
    tock::tbf::Sha256 h;
    h.Update(covered);
    auto d = h.Finish();
    data.assign(d.begin(), d.end());
  } else {
    tock::tbf::Sha512 h(c.format == 4);
    h.Update(covered);
    auto d = h.Finish();
    data.assign(d.begin(), d.begin() + (c.format == 4 ? 48 : 64));
  }
  if (c.corrupt) {
    data[5] ^= 0x10;
  }
  return data;
}

// Footers after the binary, then the filler up to total: one Reserved credential when a
// Program header exists and >= 8 bytes remain.
void AppendFooters(const Spec& s, const Layout& l, Bytes& b) {
  for (const Credential& c : s.credentials) {
    const Bytes data = CredentialData(c, b, l.binary_end);
    Append16(b, 128);
    Append16(b, c.length.value_or(static_cast<uint16_t>(4 + data.size())));
    Append32(b, c.format);
    b.insert(b.end(), data.begin(), data.end());
  }
  if (b.size() < l.total) {
    const uint32_t left = l.total - static_cast<uint32_t>(b.size());
    if (s.program && left >= 8) {
      Append16(b, 128);
      Append16(b, static_cast<uint16_t>(left - 4));
      Append32(b, 0);
    }
    b.resize(l.total, 0);
  }
}

Bytes Build(const Spec& s, Layout* out = nullptr) {
  Layout l = SizeLayout(s);
  Bytes b = WriteHeader(s, l);
  b.resize(l.binary_offset, 0);
  b.insert(b.end(), s.binary.begin(), s.binary.end());
  FixChecksum(b);  // before hashing: credentials cover the header
  AppendFooters(s, l, b);
  if (out != nullptr) {
    *out = l;
  }
  return b;
}

Bytes Permission(uint32_t driver, uint32_t offset, uint64_t bits) {
  Bytes p;
  Append32(p, driver);
  Append32(p, offset);
  Append32(p, static_cast<uint32_t>(bits));
  Append32(p, static_cast<uint32_t>(bits >> 32));
  return p;
}

Bytes PermissionsPayload(uint16_t count, int entries) {
  Bytes p;
  Append16(p, count);
  for (int i = 0; i < entries; ++i) {
    Bytes e = Permission(1, static_cast<uint32_t>(i), ~uint64_t{0});
    p.insert(p.end(), e.begin(), e.end());
  }
  return p;
}

Bytes StoragePayload(uint32_t write_id, uint16_t read_count, int reads, uint16_t modify_count,
                     int modifies) {
  Bytes p;
  Append32(p, write_id);
  Append16(p, read_count);
  for (int i = 0; i < reads; ++i) {
    Append32(p, 100 + i);
  }
  Append16(p, modify_count);
  for (int i = 0; i < modifies; ++i) {
    Append32(p, 200 + i);
  }
  return p;
}

Bytes U32s(std::initializer_list<uint32_t> v) {
  Bytes p;
  for (uint32_t x : v) {
    Append32(p, x);
  }
  return p;
}

class Generator {
 public:
  Generator(const GeneratorInput& in, Spec base, std::string base_name)
      : in_(in), base_(std::move(base)), name_(std::move(base_name)) {}

  std::vector<HostileCase> Run() {
    BaseHeader();
    Checksum();
    TlvLengths();
    Layouts();
    Ram();
    FixedAddresses();
    Names();
    OptionalTlvs();
    Footers();
    Truncations();
    Garbage();
    Files();
    Tabs();
    Foreign();
    return std::move(cases_);
  }

 private:
  using Edit = std::function<void(Spec&)>;
  using Poke = std::function<void(Bytes&, const Layout&)>;

  Bytes Make(const Edit& edit, const Poke& poke = nullptr, bool fix = true) {
    Spec s = base_;
    if (edit) {
      edit(s);
    }
    Layout l;
    Bytes b = Build(s, &l);
    if (poke) {
      poke(b, l);
      if (fix) {
        FixChecksum(b);
      }
    }
    return b;
  }

  HostileCase& Refused(std::string name, std::string category, std::string rule, Bytes bytes,
                       NameRule name_rule = NameRule::kOrQuery, std::string reason_word = "") {
    HostileCase c;
    c.name = std::move(name);
    c.category = std::move(category);
    c.file_name = c.name + ".tbf";
    c.bytes = std::move(bytes);
    c.expect = Expect::kRefused;
    c.rule = std::move(rule);
    c.name_rule = name_rule;
    c.name_in_line = name_rule == NameRule::kQuery ? "?" : EscapeName(name_);
    c.reason_word = std::move(reason_word);
    cases_.push_back(std::move(c));
    return cases_.back();
  }
  // Refused although the header parses: NAME must be the package name.
  HostileCase& RefusedNamed(std::string name, std::string category, std::string rule, Bytes bytes,
                            std::string reason_word = "") {
    return Refused(std::move(name), std::move(category), std::move(rule), std::move(bytes),
                   NameRule::kExact, std::move(reason_word));
  }
  HostileCase& Loads(std::string name, std::string category, std::string rule, Bytes bytes,
                     bool runs = true) {
    HostileCase c;
    c.name = std::move(name);
    c.category = std::move(category);
    c.file_name = c.name + ".tbf";
    c.bytes = std::move(bytes);
    c.expect = Expect::kLoads;
    c.rule = std::move(rule);
    c.output = runs ? in_.base_output : "";
    cases_.push_back(std::move(c));
    return cases_.back();
  }

  void BaseHeader() {
    const std::string cat = "base_header";
    for (uint16_t v : {0, 1, 3, 0x0200, 0xFFFF}) {
      Refused(absl::StrFormat("version_%x", v), cat, "upstream: version must be 2",
              Make([&](Spec& s) { s.version = v; }), NameRule::kOrQuery);
    }
    const Bytes good = Make(nullptr);
    const uint32_t hs = tock::tbf::Le16(good.data() + 2);
    const uint32_t total = Get32(good, 4);
    for (uint32_t h : {0u, 4u, 8u, 12u, 15u, 17u, 18u, 20u, hs - 4, hs - 3, hs - 1, hs + 1, hs + 2,
                       0xFFFCu, 0xFFFFu}) {
      Refused(
          absl::StrFormat("header_size_%u", h), cat,
          "upstream: header_size >= 16, <= total_size, TLVs inside it; lib: multiple of 4",
          Make(nullptr, [h](Bytes& b, const Layout&) { Put16(b, 2, static_cast<uint16_t>(h)); }));
    }
    Refused("header_size_16_padding", cat,
            "upstream: header_size 16 is a padding object, not an app",
            Make(nullptr, [](Bytes& b, const Layout&) { Put16(b, 2, 16); }));
    Refused("header_size_total", cat, "TLV parse runs into the binary; binary start past total",
            Make(nullptr, [total](Bytes& b, const Layout&) {
              Put16(b, 2, static_cast<uint16_t>(std::min(total, 0xFFFCu)));
            }));
    for (uint32_t t : {0u, 4u, 16u, hs - 4, hs, total - 4, total - 2, total - 1, total + 4,
                       total * 2, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
      Refused(absl::StrFormat("total_size_%u", t), cat,
              "upstream: total_size >= header_size and within the file; the layout inside it",
              Make(nullptr, [t](Bytes& b, const Layout&) { Put32(b, 4, t); }));
    }
    Loads("flags_disabled", "flags", "upstream: a disabled app is parsed but not started",
          Make([](Spec& s) { s.flags = 0; }), false);
    Loads("flags_sticky", "flags", "upstream: sticky only matters to tockloader",
          Make([](Spec& s) { s.flags = 3; }));
    Loads("flags_sticky_disabled", "flags", "upstream: disabled + sticky: not started",
          Make([](Spec& s) { s.flags = 2; }), false);
    Loads("flags_reserved_bits", "flags", "upstream: reserved flag bits are not checked",
          Make([](Spec& s) { s.flags = 0xFFFFFFF1u; }));
  }

  void Checksum() {
    const std::string cat = "checksum";
    const std::string rule = "upstream: header checksum must match";
    auto bad = [&](std::string name, const Poke& p) {
      Refused(std::move(name), cat, rule, Make(nullptr, p, /*fix=*/false));
    };
    bad("checksum_plus_1", [](Bytes& b, const Layout&) { Put32(b, 12, Get32(b, 12) + 1); });
    bad("checksum_zero", [](Bytes& b, const Layout&) { Put32(b, 12, 0); });
    bad("checksum_ones", [](Bytes& b, const Layout&) { Put32(b, 12, 0xFFFFFFFFu); });
    bad("checksum_byteswapped",
        [](Bytes& b, const Layout&) { Put32(b, 12, __builtin_bswap32(Get32(b, 12))); });
    bad("checksum_stale_flags", [](Bytes& b, const Layout&) { b[8] ^= 0x02; });
    bad("checksum_stale_ram", [](Bytes& b, const Layout& l) { b[l.program_at + 12] ^= 0x40; });
    bad("checksum_stale_init", [](Bytes& b, const Layout& l) { b[l.program_at + 4] ^= 0x04; });
    bad("checksum_stale_fixed", [](Bytes& b, const Layout& l) { b[l.fixed_at + 8] ^= 0x01; });
  }

  void TlvLengths() {
    const std::string cat = "tlv_length";
    const std::string fixed_rule = "upstream: fixed-size TLV must have its exact length";
    for (uint16_t len : {0, 8, 11, 13, 16}) {
      Refused(absl::StrCat("main_length_", len), cat, fixed_rule + " (Main 12)",
              Make([len](Spec& s) { s.main_length = len; }));
    }
    for (uint16_t len : {0, 12, 16, 19, 21, 24}) {
      Refused(absl::StrCat("program_length_", len), cat, fixed_rule + " (Program 20)",
              Make([len](Spec& s) { s.program_length = len; }));
    }
    // Length fields of the base's TLVs set past header_size (the TLV runs off the header).
    struct Where {
      const char* name;
      size_t Layout::*at;
    };
    for (const Where& w : {Where{"main", &Layout::main_at}, Where{"program", &Layout::program_at},
                           Where{"name", &Layout::name_at}, Where{"fixed", &Layout::fixed_at}}) {
      for (uint16_t len : {0xFFF0, 0xFFFF}) {
        Refused(
            absl::StrFormat("%s_length_overflow_%x", w.name, len), cat,
            "upstream: a TLV must fit in header_size",
            Make(nullptr, [&w, len](Bytes& b, const Layout& l) { Put16(b, l.*w.at + 2, len); }));
      }
    }
    Refused("name_length_one_past_header", cat, "upstream: a TLV must fit in header_size",
            Make(nullptr, [](Bytes& b, const Layout& l) {
              Put16(b, l.name_at + 2, static_cast<uint16_t>(l.header_size - l.name_at - 4 + 1));
            }));
    for (uint16_t len : {0, 4, 7, 12}) {
      Refused(absl::StrCat("fixed_length_", len), cat, fixed_rule + " (FixedAddresses 8)",
              Make([len](Spec& s) {
                s.fixed.reset();
                Bytes p = U32s({kHostRam, 0x10000100u, 0, 0});
                p.resize(len);
                s.extra.push_back({5, p});
              }));
    }
    // TLVs the base lacks, added with wrong lengths.
    auto extra = [&](std::string name, std::string rule, const Tlv& t) {
      Refused(std::move(name), cat, std::move(rule), Make([t](Spec& s) { s.extra.push_back(t); }));
    };
    extra("wfr_length_0", "H-lib: zero-length TLV", {2, {}});
    extra("wfr_length_4", "upstream: WriteableFlashRegions length is a multiple of 8",
          {2, U32s({0x1000})});
    extra("wfr_length_7", "upstream: WriteableFlashRegions length is a multiple of 8",
          {2, Bytes(7, 0)});
    extra("wfr_length_12", "upstream: WriteableFlashRegions length is a multiple of 8",
          {2, U32s({0x1000, 0x100, 0})});
    extra("permissions_length_0", "H-lib: zero-length TLV", {6, {}});
    extra("permissions_length_1", "upstream: Permissions needs its count", {6, Bytes(1, 1)});
    extra("permissions_count_over_length", "upstream: count entries must fit the TLV",
          {6, PermissionsPayload(1, 0)});
    extra("permissions_count_2_of_1", "upstream: count entries must fit the TLV",
          {6, PermissionsPayload(2, 1)});
    extra("permissions_count_ffff", "upstream: count entries must fit the TLV",
          {6, PermissionsPayload(0xFFFF, 1)});
    extra("storage_length_0", "H-lib: zero-length TLV", {7, {}});
    extra("storage_length_4", "upstream: StoragePermissions needs write id + counts",
          {7, U32s({1})});
    extra("storage_length_5", "upstream: StoragePermissions needs write id + counts",
          {7, Bytes(5, 1)});
    extra("storage_read_count_over", "upstream: read ids must fit the TLV",
          {7, StoragePayload(1, 2, 0, 0, 0)});
    extra("storage_no_modify_count", "upstream: modify count must be present", {7, [] {
                                                                                  Bytes p =
                                                                                      U32s({1});
                                                                                  Append16(p, 0);
                                                                                  return p;
                                                                                }()});
    extra("storage_modify_count_over", "upstream: modify ids must fit the TLV",
          {7, StoragePayload(1, 0, 0, 3, 1)});
    for (uint16_t len : {0, 2, 3, 8}) {
      Bytes p = U32s({2, 0});
      p.resize(len);
      extra(absl::StrCat("kernel_version_length_", len), fixed_rule + " (KernelVersion 4)", {8, p});
    }
    for (uint16_t len : {0, 2, 8}) {
      Bytes p = U32s({0x1234, 0});
      p.resize(len);
      extra(absl::StrCat("short_id_length_", len), fixed_rule + " (ShortId 4)", {10, p});
    }
    for (uint16_t type : {2, 6, 7, 8, 10, 0x4242}) {
      extra(absl::StrFormat("tlv_%x_overflows_header", type),
            "upstream: a TLV must fit in header_size", {type, U32s({0, 0}), 0xFFF0});
    }
    extra("unknown_tlv_length_0", "H-lib: zero-length TLV (upstream would skip it)", {0x4242, {}});
    extra("credentials_tlv_in_header", "upstream: type 128 is a footer, not a header TLV",
          {128, U32s({0, 0})});
    extra("duplicate_main", "H-lib: duplicate singleton TLV (upstream: first wins)",
          {1, U32s({216, 176, 0x3FFFE000})});
    extra("duplicate_program", "H-lib: duplicate singleton TLV (upstream: first wins)",
          {9, U32s({217, 176, 4100, 0, 0})});
    extra("duplicate_name", "H-lib: duplicate singleton TLV (upstream: first wins)",
          {3, Str("other")});
    extra("duplicate_fixed", "H-lib: duplicate singleton TLV (upstream: first wins)",
          {5, U32s({0x20001000u, 0x10000100u})});
  }

  void Layouts() {
    const std::string cat = "layout";
    const Bytes good = Make(nullptr);
    const uint32_t hs = tock::tbf::Le16(good.data() + 2);
    const uint32_t total = Get32(good, 4);
    const uint32_t trailer = base_.binary_offset - hs;
    const uint32_t bin_end = base_.binary_offset + static_cast<uint32_t>(base_.binary.size());
    const uint32_t init = trailer + base_.entry;
    struct V {
      std::string name;
      uint32_t value;
      std::string rule;
    };
    const std::vector<V> inits = {
        {"odd", init + 1, "H-entry: odd entry (a Thumb entry)"},
        {"odd3", init + 3, "H-entry: odd entry"},
        {"unaligned2", init + 2, "H-entry: entry not 4-byte aligned (assumed)"},
        {"zero", 0, "upstream: entry inside the protected region"},
        {"4", 4, "upstream: entry inside the protected region"},
        {"trailer_minus_4", trailer - 4, "upstream: entry inside the protected region"},
        {"binary_end", bin_end - hs, "upstream: entry at or past the binary end"},
        {"binary_end_plus_4", bin_end - hs + 4, "upstream: entry past the binary end"},
        {"total", total - hs, "upstream: entry past total_size"},
        {"total_plus", total, "upstream: entry past total_size"},
        {"7fffffff", 0x7FFFFFFFu, "upstream: entry past total_size"},
        {"wraps_to_zero", 0u - hs, "upstream: header_size + offset wraps to 0"},
        {"ffffffff", 0xFFFFFFFFu, "upstream: entry past total_size"},
    };
    for (const V& v : inits) {
      Refused("init_" + v.name, cat, v.rule, Make([&v](Spec& s) { s.init = v.value; }));
    }
    Loads("main_init_odd_program_good", cat,
          "upstream: with a Program header the kernel ignores Main (elf2tab writes both)",
          Make([&](Spec& s) { s.main_only_init = init + 1; }));
    Refused("program_init_odd_main_good", cat, "upstream: Program wins over Main; H-entry",
            Make([&](Spec& s) {
              s.init = init + 1;
              s.main_only_init = init;
            }));
    const std::vector<V> trailers = {
        {"total", total, "upstream: protected region larger than total_size"},
        {"past_total", total - hs + 4, "upstream: binary start past total_size"},
        {"past_binary_end", bin_end - hs + 4, "upstream: binary start past binary_end_offset"},
        {"80000000", 0x80000000u, "upstream: protected region larger than total_size"},
        {"ffffffff", 0xFFFFFFFFu, "upstream: protected region larger than total_size"},
        {"minus_4", trailer - 4, "H-flash: binary no longer at the fixed flash address"},
        {"plus_4", trailer + 4, "H-flash: binary no longer at the fixed flash address"},
    };
    for (const V& v : trailers) {
      Refused("trailer_" + v.name, cat, v.rule, Make([&v](Spec& s) { s.trailer = v.value; }));
    }
    const std::vector<V> ends = {
        {"past_total", total + 4, "upstream: binary_end_offset <= total_size"},
        {"ffffffff", 0xFFFFFFFFu, "upstream: binary_end_offset <= total_size"},
        {"in_header", 40, "upstream: binary_end_offset >= binary start"},
        {"header_end", hs, "upstream: binary_end_offset >= binary start"},
        {"before_binary", base_.binary_offset - 4, "upstream: binary_end_offset >= binary start"},
        {"binary_start", base_.binary_offset, "upstream: entry must lie before binary_end_offset"},
        {"unaligned", bin_end + 1, "upstream: the footers after binary_end_offset must parse"},
    };
    for (const V& v : ends) {
      Refused("binary_end_" + v.name, cat, v.rule, Make([&v](Spec& s) { s.binary_end = v.value; }));
    }
    Loads("program_version_7", cat, "upstream: the app version is informational",
          Make([](Spec& s) { s.app_version = 7; }));
    Loads("main_only", cat, "upstream: a Main-only TBF (older elf2tab) is an app",
          Make([](Spec& s) {
            s.program = false;
            s.credentials.clear();
          }));
    Loads("program_only", cat, "upstream: a Program-only TBF is an app",
          Make([](Spec& s) { s.main = false; }));
    Refused("no_main_no_program", cat,
            "upstream/book: without Main or Program the object is padding, not an app",
            Make([](Spec& s) {
              s.main = false;
              s.program = false;
            }));
  }

  void Ram() {
    const std::string cat = "ram";
    for (uint32_t r : {0x3FFFE000u, 0x10000000u, 0x80000000u, 0xFFFFF000u, 0xFFFFFFFFu}) {
      RefusedNamed(absl::StrFormat("min_ram_%x", r), cat, "H-ram-cap: over --app-ram-max",
                   Make([r](Spec& s) { s.ram = r; }), "RAM");
    }
    for (uint32_t r : {0u, 1u}) {
      Loads(absl::StrCat("min_ram_", r), cat,
            "upstream: a minimum only; the app grows its memory with brk (memop)",
            Make([r](Spec& s) { s.ram = r; }));
    }
    Loads("main_min_ram_huge_program_good", cat, "upstream: Program wins over Main",
          Make([](Spec& s) { s.main_only_ram = 0xFFFFFFFFu; }));
  }

  void FixedAddresses() {
    const std::string cat = "fixed_address";
    const uint32_t flash = base_.fixed->second;
    for (uint32_t f : {flash + 1, flash + 4, flash - 4, flash + 0x100000, 0u, 0x100u, 0x10000u,
                       0xFFFFFFFEu, 0x0F000000u, 0x0F000100u, 0x08048000u, 0x08048100u, 0x08100000u,
                       0x20040080u, 0x00030000u, 0x20000000u, 0xF0000000u}) {
      RefusedNamed(absl::StrFormat("fixed_flash_%x", f), cat,
                   "H-flash: must be 0x10000000 + header + trailer",
                   Make([f](Spec& s) { s.fixed->second = f; }), "address");
    }
    for (uint32_t r : {kHostRam + 4, kHostRam + 0x1000, kHostRam - 0x1000, 0u, 0x1000u, 0xFFFFFFFEu,
                       0x0F000000u, 0x08048000u, 0x80002800u, 0x10000000u, 0xF0000000u}) {
      RefusedNamed(absl::StrFormat("fixed_ram_%x", r), cat, "H-ram: must be 0x20000000",
                   Make([r](Spec& s) { s.fixed->first = r; }), "address");
    }
    RefusedNamed("fixed_flash_not_fixed", cat,
                 "H-flash: host apps are linked at a fixed flash address (else a foreign PIC "
                 "build)",
                 Make([](Spec& s) { s.fixed->second = tock::tbf::kNotFixed; }));
    RefusedNamed("fixed_both_not_fixed", cat, "H-flash: flash address must be fixed",
                 Make([](Spec& s) {
                   s.fixed = {{tock::tbf::kNotFixed, tock::tbf::kNotFixed}};
                 }));
    RefusedNamed("no_fixed_addresses", cat,
                 "H-flash: no FixedAddresses TLV = position independent, not a host app",
                 Make([](Spec& s) { s.fixed.reset(); }));
    Loads("fixed_ram_not_fixed", cat, "H-ram: RAM not fixed: tockd uses 0x20000000 anyway",
          Make([](Spec& s) { s.fixed->first = tock::tbf::kNotFixed; }));
  }

  void Names() {
    const std::string cat = "name";
    auto named = [](const std::string& n) { return [n](Spec& s) { s.name = Str(n); }; };
    const std::string escaped = "upstream: any valid UTF-8 name loads; issue 18: shown escaped";
    Loads("name_empty", cat, "upstream: an empty name is valid UTF-8", Make(named("")));
    Loads("name_absent", cat, "upstream: the PackageName TLV is optional",
          Make([](Spec& s) { s.name.reset(); }));
    Loads("name_newline_injection", cat, escaped,
          Make(named("x\ntockd: not loading /etc/passwd (root): injected\n")));
    Loads("name_carriage_return", cat, escaped, Make(named("hello\rtockd: fake")));
    Loads("name_escape_sequence", cat, escaped, Make(named("\x1b[2J\x1b[31mred")));
    Loads("name_nul", cat, escaped, Make(named(std::string("hel\0lo", 6))));
    Loads("name_del", cat, escaped, Make(named("del\x7f")));
    Loads("name_tab_bell", cat, escaped, Make(named("a\tb\ac")));
    Loads("name_backslash", cat, escaped, Make(named("back\\x41slash")));
    Loads("name_parens_colon", cat, escaped, Make(named("a) (b): c")));
    Loads("name_question_mark", cat, escaped, Make(named("?")));
    Loads("name_utf8", cat, escaped, Make(named("h\xc3\xa9llo \xf0\x9f\x94\xa5")));
    Loads("name_long_100", cat, "upstream: no length limit; fits below the binary",
          Make(named(std::string(100, 'n'))));
    Loads("name_long_170", cat, "upstream: no length limit; fits below the binary",
          Make(named(std::string(170, 'n'))));
    const uint32_t max_name = 0xFFFC - (tock::tbf::Le16(Make(named("")).data() + 2));
    Refused("name_long_1000", cat,
            "H-flash: the header outgrows the 256 bytes below the binary (fixed flash address "
            "no longer matches)",
            Make(named(std::string(1000, 'n'))), NameRule::kOrQuery)
        .name_in_line = std::string(1000, 'n');
    Refused("name_long_max", cat, "H-flash: header near 64 KiB; the binary cannot stay in place",
            Make(named(std::string(max_name, 'n'))), NameRule::kOrQuery)
        .name_in_line = std::string(max_name, 'n');
    const std::string bad_utf8 = "upstream: package name must be valid UTF-8";
    for (const auto& [n, raw] :
         std::vector<std::pair<std::string, std::string>>{{"ff_fe", "\xff\xfe"},
                                                          {"overlong_nul", "a\xc0\x80"},
                                                          {"surrogate", "\xed\xa0\x80"},
                                                          {"truncated_seq", "ok\xe2\x82"},
                                                          {"beyond_10ffff", "\xf4\x90\x80\x80"},
                                                          {"lone_continuation", "\x80hello"}}) {
      Refused("name_bad_utf8_" + n, cat, bad_utf8, Make(named(raw)), NameRule::kOrQuery)
          .name_in_line = EscapeName(raw);
    }
    HostileCase& dup =
        RefusedNamed("name_duplicate_of_good", cat,
                     "issue 18: the first app loaded keeps a name; a second is refused",
                     Make(named(in_.good_name)), "already in use");
    dup.name_in_line = EscapeName(in_.good_name);
    dup.after_good = true;
  }

  void OptionalTlvs() {
    auto add = [](const Tlv& t) { return [t](Spec& s) { s.extra.push_back(t); }; };
    std::string cat = "writeable_flash";
    Loads("wfr_valid", cat, "upstream: a region inside the TBF",
          Make(add({2, U32s({0x1000, 0x100})})));
    Refused("wfr_past_total", cat, "upstream/lib: region must lie inside total_size",
            Make(add({2, U32s({0x7FFF00, 0x200})})));  // past any app's total_size
    Refused("wfr_offset_wraps", cat, "upstream/lib: region must lie inside total_size",
            Make(add({2, U32s({0xFFFFFFF0u, 0x20})})));
    Refused("wfr_size_huge", cat, "upstream/lib: region must lie inside total_size",
            Make(add({2, U32s({0x1000, 0xFFFFFFFFu})})));
    Refused("wfr_overlapping", cat, "assumed (unsure): regions must not overlap",
            Make(add({2, U32s({0x1000, 0x200, 0x1100, 0x200})})));
    Refused("wfr_covers_header", cat,
            "assumed (unsure): the protected region (header + trailer) is never writeable",
            Make(add({2, U32s({0, 0x200})})));
    Bytes nine;
    for (uint32_t i = 0; i < 9; ++i) {
      Append32(nine, 0x1000 + 0x40 * i);
      Append32(nine, 0x40);
    }
    Refused("wfr_nine_in_one_tlv", cat, "H-lib: at most 8 writeable regions", Make(add({2, nine})));
    Refused("wfr_nine_tlvs", cat, "H-lib: at most 8 writeable regions", Make([](Spec& s) {
              for (uint32_t i = 0; i < 9; ++i) {
                s.extra.push_back({2, U32s({0x1000 + 0x40 * i, 0x40})});
              }
            }));
    cat = "permissions";
    Loads("permissions_console_only", cat, "upstream: listed driver/commands are allowed",
          Make(add({6, PermissionsPayload(1, 1)})));
    Loads("permissions_none", cat, "upstream: an empty list allows no driver (prints nothing)",
          Make(add({6, PermissionsPayload(0, 0)})), false);
    cat = "storage";
    Loads("storage_valid", cat, "upstream: one read and one modify id",
          Make(add({7, StoragePayload(1, 1, 1, 1, 1)})));
    Refused("storage_nine_read_ids", cat, "upstream: at most 8 read ids (TooManyEntries)",
            Make(add({7, StoragePayload(1, 9, 9, 0, 0)})));
    Refused("storage_nine_modify_ids", cat, "upstream: at most 8 modify ids (TooManyEntries)",
            Make(add({7, StoragePayload(1, 0, 0, 9, 9)})));
    cat = "kernel_version";
    auto kv = [](uint16_t major, uint16_t minor) {
      Bytes p;
      Append16(p, major);
      Append16(p, minor);
      return Tlv{8, p};
    };
    for (auto [major, minor] : std::vector<std::pair<uint16_t, uint16_t>>{
             {1, 0}, {3, 0}, {2, 99}, {0, 0}, {0xFFFF, 0xFFFF}}) {
      RefusedNamed(absl::StrFormat("kernel_version_%u_%u", major, minor), cat,
                   "upstream: loads only if major == 2 and minor <= tockd's minor (2.x, x < 99)",
                   Make(add(kv(major, minor))));
    }
    for (auto [major, minor] : std::vector<std::pair<uint16_t, uint16_t>>{{2, 0}, {2, 1}}) {
      Loads(absl::StrFormat("kernel_version_%u_%u", major, minor), cat,
            "upstream: major 2, minor <= tockd's (assumed >= 1)", Make(add(kv(major, minor))));
    }
    cat = "other_tlv";
    Loads("short_id", cat, "upstream: a ShortId is an identity, not a load condition",
          Make(add({10, U32s({0x1234})})));
    Loads("short_id_zero", cat, "upstream: ShortId 0 means none", Make(add({10, U32s({0})})));
    Loads("unknown_tlv", cat, "upstream: unknown TLV types are skipped",
          Make(add({0x4242, U32s({1, 2})})));
    Loads("pic_option1_tlv", cat, "upstream: PicOption1 (4) is ignored",
          Make(add({4, U32s({1, 2, 3})})));
    Loads("out_of_tree_tlv", cat, "book: types with bit 15 set are out-of-tree; skipped",
          Make(add({0x8001, Str("vendor")})));
  }

  void Footers() {
    const std::string cat = "footer";
    auto cred = [](const Credential& c) { return [c](Spec& s) { s.credentials = {c}; }; };
    Loads("sha256_ok", cat, "upstream: a matching SHA-256 credential", Make(cred({3, {}, true})));
    Loads("sha384_ok", cat, "upstream: a matching SHA-384 credential", Make(cred({4, {}, true})));
    Loads("sha512_ok", cat, "upstream: a matching SHA-512 credential", Make(cred({5, {}, true})));
    const std::string mismatch = "upstream checker / tbf integrity: hash must match the image";
    Refused("sha256_mismatch", cat, mismatch, Make(cred({3, {}, true, true})));
    Refused("sha512_mismatch", cat, mismatch, Make(cred({5, {}, true, true})));
    Refused("sha256_of_other_binary", cat, mismatch,
            Make(cred({3, {}, true}), [](Bytes& b, const Layout& l) {
              b[l.binary_offset + 64] ^= 0xFF;  // binary changed after signing
            }));
    const std::string len = "upstream: credential data length fixed by its format";
    Refused("sha256_short", cat, len, Make(cred({3, Bytes(28, 0xAA)})));
    Refused("sha256_long", cat, len, Make(cred({3, Bytes(36, 0xAA)})));
    Refused("sha512_as_sha256_length", cat, len, Make(cred({5, Bytes(32, 0xAA)})));
    Refused("credential_length_0", cat, "upstream: a credential has a format word",
            Make(cred({0, Bytes(4, 0), false, false, 0})));
    Refused("credential_length_overflow", cat, "upstream: footer must fit total_size",
            Make(cred({0, Bytes(4, 0), false, false, 0xFFF0})));
    Refused("credential_unknown_format", cat, "upstream: unknown format is a bad footer",
            Make(cred({0x99, Bytes(32, 0)})));
    Refused("footer_not_credentials", cat, "upstream: every footer TLV is type 128",
            Make(nullptr, [](Bytes& b, const Layout& l) { Put16(b, l.binary_end, 3); }));
    Refused("footer_trailing_garbage", cat, "lib: leftover footer bytes must be zero",
            Make(
                [](Spec& s) {
                  s.credentials = {{0, Bytes(8, 0)}};
                },
                [](Bytes& b, const Layout& l) {
                  // Shrink the filler by 4 and leave 4 non-zero bytes at the end.
                  Put16(b, l.binary_end + 16 + 2,
                        tock::tbf::Le16(b.data() + l.binary_end + 18) - 4);
                  Put32(b, l.total - 4, 0xDEADBEEFu);
                }));
    Refused("nine_credentials", cat, "H-lib: at most 8 credentials", Make([](Spec& s) {
              for (int i = 0; i < 9; ++i) {
                s.credentials.push_back({0, Bytes(4, 0)});
              }
            }));
  }

  void Truncations() {
    const Bytes good = Make(nullptr);
    const size_t n = good.size();
    const uint32_t hs = tock::tbf::Le16(good.data() + 2);
    std::vector<size_t> sizes = {1, 2, 8, 15, 16, 40, hs - 1, hs, base_.binary_offset};
    for (size_t k = 1; k < 8; ++k) {
      sizes.push_back(n * k / 8);
    }
    sizes.push_back(n - 1);
    for (size_t size : sizes) {
      Refused(absl::StrCat("truncated_", size), "truncated",
              "upstream: total_size must lie within the file",
              Bytes(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(size)));
    }
  }

  void Garbage() {
    const std::string cat = "garbage";
    auto none = [&](std::string name, std::string rule, Bytes b) {
      Refused(std::move(name), cat, std::move(rule), std::move(b), NameRule::kQuery);
    };
    none("empty_file", "not a TBF", {});
    none("zeros_8k", "version 0: not a TBF (erased/empty flash)", Bytes(8192, 0));
    none("ones_8k", "version 0xFFFF: not a TBF (erased NOR flash)", Bytes(8192, 0xFF));
    none("text_file", "not a TBF", Str("Hello, World!\nthis is not an app\n"));
    std::mt19937_64 rng(in_.seed);
    for (size_t size : {16u, 100u, 4096u, 8192u}) {
      Bytes b(size);
      for (uint8_t& x : b) {
        x = static_cast<uint8_t>(rng());
      }
      if (b[0] == 2 && b[1] == 0) {
        b[0] = 3;
      }
      none(absl::StrCat("random_", size), "seeded random bytes: not a TBF", b);
    }
    for (int i = 0; i < 4; ++i) {
      Bytes b(8192);
      for (uint8_t& x : b) {
        x = static_cast<uint8_t>(rng());
      }
      b[0] = 2;
      b[1] = 0;
      Refused(absl::StrCat("random_v2_", i), cat, "seeded random after a version-2 word",
              std::move(b), NameRule::kQuery);
    }
    {
      Bytes b(8192);
      for (uint8_t& x : b) {
        x = static_cast<uint8_t>(rng());
      }
      b[0] = 2;
      b[1] = 0;
      Put16(b, 2, 16);
      Put32(b, 4, 8192);
      FixChecksum(b);
      none("random_valid_base_header", "a padding-sized header (16) over random bytes", b);
    }
    {
      Bytes b = Make(nullptr);
      for (size_t i = 16; i < b.size(); ++i) {
        b[i] = static_cast<uint8_t>(rng());
      }
      FixChecksum(b);
      none("random_after_base_header", "good base header, random TLVs and body", b);
    }
  }

  void Files() {
    const std::string cat = "file";
    auto add = [&](std::string name, std::string file, FileKind kind, Bytes b, std::string rule,
                   std::string word = "") {
      HostileCase& c = Refused(std::move(name), cat, std::move(rule), std::move(b),
                               NameRule::kQuery, std::move(word));
      c.file_name = std::move(file);
      c.kind = kind;
    };
    add("elf_file", "hello_app.elf", FileKind::kFile, in_.base_elf,
        "issue 18: an ELF is not a TBF (say so, not 'unsupported version')", "ELF");
    add("elf_named_tbf", "elf_named_tbf.tbf", FileKind::kFile, in_.base_elf,
        "issue 18: an ELF is not a TBF, whatever its name", "ELF");
    add("directory", "a_directory.tbf", FileKind::kDirectory, {}, "not a regular file");
    add("missing", "missing_app.tbf", FileKind::kMissing, {}, "no such file");
    add("fifo", "a_fifo.tbf", FileKind::kFifo, {}, "not a regular file (opening would block)");
  }

  void Tabs() {
    const std::string cat = "tab";
    const Bytes good = Make(nullptr);
    const Bytes bad = Make(
        nullptr, [](Bytes& b, const Layout&) { Put32(b, 12, 0); }, false);
    auto tab = [](const std::vector<std::pair<std::string, Bytes>>& members) {
      tock::tbf::Tab t;
      t.metadata.name = "hostile";
      for (auto& [name, bytes] : members) {
        t.tbfs.push_back({name, name.substr(0, name.find('.')), bytes});
      }
      absl::StatusOr<Bytes> out = tock::tbf::WriteTab(t);
      return out.ok() ? *out : Bytes{};
    };
    auto add = [&](const std::string& name, Expect expect, const std::string& rule, Bytes bytes,
                   NameRule name_rule, std::string member = "") {
      HostileCase& c = expect == Expect::kLoads
                           ? Loads(name, cat, rule, std::move(bytes))
                           : Refused(name, cat, rule, std::move(bytes), name_rule);
      c.file_name = name + ".tab";
      c.member = std::move(member);
    };
    add("tab_no_host_member", Expect::kRefused, "no TBF for x32/x86_64 in the bundle",
        tab({{"cortex-m4.tbf", good}}), NameRule::kQuery);
    add("tab_no_members", Expect::kRefused, "no TBF at all in the bundle", tab({}),
        NameRule::kQuery);
    add("tab_bad_x32_member", Expect::kRefused, "the member's TBF is malformed (checksum)",
        tab({{"x32.tbf", bad}}), NameRule::kOrQuery, "x32.tbf");
    add("tab_bad_x86_64_member", Expect::kRefused, "the member's TBF is malformed (checksum)",
        tab({{"x86_64.tbf", bad}}), NameRule::kOrQuery, "x86_64.tbf");
    add("tab_elf_member", Expect::kRefused, "an ELF in a TBF member",
        tab({{"x32.tbf", in_.base_elf}}), NameRule::kQuery, "x32.tbf");
    add("tab_good_x32_bad_x86_64", Expect::kRefused,
        "each member on its own: the good one boots, the bad one is refused",
        tab({{"x32.tbf", good}, {"x86_64.tbf", bad}}), NameRule::kOrQuery, "x86_64.tbf");
    Bytes garbage(4096);
    std::mt19937_64 rng(in_.seed + 1);
    for (uint8_t& x : garbage) {
      x = static_cast<uint8_t>(rng());
    }
    add("tab_garbage", Expect::kRefused, "not a tar archive", garbage, NameRule::kQuery);
    Bytes cut = tab({{"x32.tbf", good}});
    cut.resize(1000);
    add("tab_truncated", Expect::kRefused, "tar archive ends inside a member", cut,
        NameRule::kQuery);
    add("tab_good", Expect::kLoads, "a bundle with a good x32 member", tab({{"x32.tbf", good}}),
        NameRule::kQuery);
    for (HostileCase& c : cases_) {
      if (c.category == cat && c.name_rule == NameRule::kQuery && c.expect == Expect::kRefused) {
        // A bundle that can be read is named by its metadata ("hostile"); a broken one is `?`.
        c.name_rule = NameRule::kOrQuery;
        c.name_in_line = "hostile";
      }
    }
  }

  void Foreign() {
    for (const auto& [file, bytes] : in_.foreign) {
      const bool is_tab = file.size() > 4 && file.substr(file.size() - 4) == ".tab";
      std::string stem = file.substr(0, file.rfind('.'));
      for (char& ch : stem) {
        if (ch == '.' || ch == '-') {
          ch = '_';
        }
      }
      HostileCase c;
      c.name = "upstream_" + stem;
      c.category = "architecture";
      c.file_name = file;
      c.bytes = bytes;
      c.expect = Expect::kRefused;
      c.rule = is_tab ? "a bundle with only Cortex-M/RISC-V members"
                      : "H-flash/H-entry: a Cortex-M or RISC-V build is not a host app";
      c.name_rule = NameRule::kQuery;
      c.name_in_line = "?";
      if (is_tab) {
        absl::StatusOr<tock::tbf::Tab> tab = tock::tbf::ReadTab(std::span<const uint8_t>(bytes));
        if (tab.ok()) {
          c.name_rule = NameRule::kOrQuery;
          c.name_in_line = EscapeName(tab->metadata.name);
        }
      } else {
        tock::tbf::Result<tock::tbf::TbfHeader> h =
            tock::tbf::ParseTbf(std::span<const uint8_t>(bytes));
        if (h.ok() && h.value().package_name) {
          const auto n = *h.value().package_name;
          c.name_rule = NameRule::kExact;
          c.name_in_line = EscapeName(std::string(n.begin(), n.end()));
        } else {
          c.name_rule = NameRule::kOrQuery;
        }
      }
      cases_.push_back(std::move(c));
    }
  }

  const GeneratorInput& in_;
  Spec base_;
  std::string name_;
  std::vector<HostileCase> cases_;
};

}  // namespace

std::string EscapeName(const std::string& raw) {
  std::string out;
  for (unsigned char ch : raw) {
    if (ch == '\\') {
      out += "\\\\";
    } else if (ch < 0x20 || ch >= 0x7f) {
      out += absl::StrFormat("\\x%02x", ch);
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

const char* ExpectName(Expect e) { return e == Expect::kLoads ? "loads" : "refused"; }

absl::StatusOr<std::vector<HostileCase>> MakeHostileCases(const GeneratorInput& input) {
  const std::span<const uint8_t> image(input.base_tbf);
  tock::tbf::Result<tock::tbf::TbfHeader> parsed = tock::tbf::ParseTbf(image);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError("base TBF does not parse");
  }
  const tock::tbf::TbfHeader& h = parsed.value();
  if (!h.main || !h.program || !h.package_name || !h.fixed_addresses || h.tlv_count != 4) {
    return absl::InvalidArgumentError(
        "base TBF must have exactly Main, Program, PackageName and FixedAddresses");
  }
  Spec s;
  s.flags = h.flags;
  s.entry = h.init_fn_offset() - h.protected_trailer_size();
  s.min_ram = h.minimum_ram_size();
  s.app_version = h.app_version();
  s.name = Bytes(h.package_name->begin(), h.package_name->end());
  s.fixed = {{h.fixed_addresses->start_process_ram, h.fixed_addresses->start_process_flash}};
  s.binary_offset = h.app_binary_offset();
  s.binary.assign(input.base_tbf.begin() + h.app_binary_offset(),
                  input.base_tbf.begin() + h.binary_end_offset());
  s.total = h.total_size;
  if (Build(s) != input.base_tbf) {
    return absl::InvalidArgumentError(
        "base TBF is not laid out as the host tock_app macro writes it (rebuild differs)");
  }
  if (h.fixed_addresses->start_process_flash != kHostFlash + h.app_binary_offset() ||
      h.fixed_addresses->start_process_ram != kHostRam) {
    return absl::InvalidArgumentError("base TBF is not at the host's fixed addresses");
  }
  s.total = 0;  // each case sizes itself
  Generator g(input, s, std::string(h.package_name->begin(), h.package_name->end()));
  return g.Run();
}

absl::StatusOr<std::string> MaterializeCase(const HostileCase& c, const std::string& dir) {
  const std::string path = dir + "/" + c.file_name;
  switch (c.kind) {
    case FileKind::kMissing:
      ::unlink(path.c_str());
      return path;
    case FileKind::kDirectory:
      if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
        return absl::InternalError(absl::StrCat("mkdir ", path, ": ", strerror(errno)));
      }
      return path;
    case FileKind::kFifo:
      ::unlink(path.c_str());
      if (::mkfifo(path.c_str(), 0644) != 0) {
        return absl::InternalError(absl::StrCat("mkfifo ", path, ": ", strerror(errno)));
      }
      return path;
    case FileKind::kFile: {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(c.bytes.data()),
                static_cast<std::streamsize>(c.bytes.size()));
      if (!out) {
        return absl::InternalError(absl::StrCat("cannot write ", path));
      }
      return path;
    }
  }
  return absl::InternalError("unknown file kind");
}

}  // namespace tock::loading
