// TBF description formatting (see describe.h). Host only.
#include "tbf-tools/describe.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace tock::tbf {
namespace {

std::string Name(const TbfHeader& h) {
  if (!h.package_name) {
    return "";
  }
  return std::string(reinterpret_cast<const char*>(h.package_name->data()), h.package_name->size());
}

}  // namespace

std::string JsonQuote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

namespace {

std::string JsonString(std::string_view s) { return JsonQuote(s); }

const char* CheckName(CredentialCheck c) {
  switch (c) {
    case CredentialCheck::kReserved:
      return "reserved";
    case CredentialCheck::kHashVerified:
      return "verified";
    case CredentialCheck::kNotVerified:
      return "not verified (signature, no key)";
  }
  return "?";
}

std::string Hex(std::span<const uint8_t> d) {
  std::string s;
  for (uint8_t b : d) {
    absl::StrAppendFormat(&s, "%02x", b);
  }
  return s;
}

}  // namespace

std::string FormatError(const Error& e) {
  return absl::StrFormat("%s at offset %u (0x%x): %s", e.field, e.offset, e.offset,
                         ErrorKindName(e.kind));
}

std::string DescribeText(const TbfHeader& h, const IntegrityReport* integrity) {
  std::string s;
  auto line = [&s](std::string_view key, const std::string& value) {
    absl::StrAppendFormat(&s, "%-26s %s\n", key, value);
  };
  auto num = [](uint64_t v) { return absl::StrFormat("%u (0x%x)", v, v); };
  line("package_name:", h.package_name ? Name(h) : "(none)");
  line("version:", num(h.version));
  line("header_size:", num(h.header_size));
  line("total_size:", num(h.total_size));
  line("flags:", absl::StrFormat("0x%08x (%s%s)", h.flags, h.enabled() ? "enabled" : "disabled",
                                 h.sticky() ? ", sticky" : ""));
  line("checksum:", absl::StrFormat("0x%08x", h.checksum));
  if (h.is_padding) {
    line("kind:", "padding (no TLVs)");
    return s;
  }
  if (h.main) {
    line("main.init_fn_offset:", num(h.main->init_fn_offset));
    line("main.protected_trailer:", num(h.main->protected_trailer_size));
    line("main.minimum_ram_size:", num(h.main->minimum_ram_size));
  }
  if (h.program) {
    line("program.init_fn_offset:", num(h.program->init_fn_offset));
    line("program.protected_trailer:", num(h.program->protected_trailer_size));
    line("program.minimum_ram_size:", num(h.program->minimum_ram_size));
    line("program.binary_end_offset:", num(h.program->binary_end_offset));
    line("program.version:", num(h.program->version));
  }
  line("app_binary_offset:", num(h.app_binary_offset()));
  line("entry_offset:", num(uint64_t{h.header_size} + h.init_fn_offset()));
  for (uint8_t i = 0; i < h.writeable_flash_region_count; ++i) {
    line(absl::StrCat("writeable_flash_region[", i, "]:"),
         absl::StrFormat("offset 0x%x size %u", h.writeable_flash_regions[i].offset,
                         h.writeable_flash_regions[i].size));
  }
  if (h.fixed_addresses) {
    line("fixed_addresses.ram:", absl::StrFormat("0x%08x", h.fixed_addresses->start_process_ram));
    line("fixed_addresses.flash:",
         absl::StrFormat("0x%08x", h.fixed_addresses->start_process_flash));
  }
  if (h.permissions) {
    line("permissions:", absl::StrCat(h.permissions->count, " entries"));
    for (uint16_t i = 0; i < h.permissions->count; ++i) {
      Permission p = h.permissions->at(i);
      line(absl::StrCat("  [", i, "]"),
           absl::StrFormat("driver 0x%x offset %u allowed 0x%016x", p.driver_number, p.offset,
                           p.allowed_commands));
    }
  }
  if (h.storage_permissions) {
    const auto& sp = *h.storage_permissions;
    std::vector<uint32_t> r, m;
    for (uint16_t i = 0; i < sp.read_count; ++i) {
      r.push_back(sp.read_id(i));
    }
    for (uint16_t i = 0; i < sp.modify_count; ++i) {
      m.push_back(sp.modify_id(i));
    }
    line("storage.write_id:", num(sp.write_id));
    line("storage.read_ids:", absl::StrJoin(r, ","));
    line("storage.modify_ids:", absl::StrJoin(m, ","));
  }
  if (h.kernel_version) {
    line("kernel_version:", absl::StrCat(h.kernel_version->major, ".", h.kernel_version->minor));
  }
  if (h.short_id) {
    line("short_id:", absl::StrFormat("0x%08x", *h.short_id));
  }
  if (h.unknown_tlv_count) {
    line("unknown_tlvs_skipped:", absl::StrCat(h.unknown_tlv_count));
  }
  for (uint8_t i = 0; i < h.credential_count; ++i) {
    const Credential& c = h.credentials[i];
    std::string v = absl::StrFormat("%s at 0x%x, %u data bytes", CredentialFormatName(c.format),
                                    c.offset, c.data.size());
    if (integrity && i < integrity->count) {
      absl::StrAppend(&v, ", ", CheckName(integrity->checks[i]));
    }
    if (c.format >= 3 && c.format <= 5) {
      absl::StrAppend(&v, ", ", Hex(c.data));
    }
    line(absl::StrCat("credential[", i, "]:"), v);
  }
  return s;
}

std::string DescribeJson(const TbfHeader& h, const IntegrityReport* integrity) {
  std::vector<std::string> f;
  auto add = [&f](std::string_view k, const std::string& v) {
    f.push_back(absl::StrCat(JsonString(k), ":", v));
  };
  add("version", absl::StrCat(h.version));
  add("header_size", absl::StrCat(h.header_size));
  add("total_size", absl::StrCat(h.total_size));
  add("flags", absl::StrCat(h.flags));
  add("enabled", h.enabled() ? "true" : "false");
  add("sticky", h.sticky() ? "true" : "false");
  add("checksum", absl::StrCat(h.checksum));
  add("padding", h.is_padding ? "true" : "false");
  if (h.package_name) {
    add("package_name", JsonString(Name(h)));
  }
  if (h.main) {
    add("main",
        absl::StrFormat(
            R"({"init_fn_offset":%u,"protected_trailer_size":%u,"minimum_ram_size":%u})",
            h.main->init_fn_offset, h.main->protected_trailer_size, h.main->minimum_ram_size));
  }
  if (h.program) {
    add("program", absl::StrFormat(R"({"init_fn_offset":%u,"protected_trailer_size":%u,)"
                                   R"("minimum_ram_size":%u,"binary_end_offset":%u,"version":%u})",
                                   h.program->init_fn_offset, h.program->protected_trailer_size,
                                   h.program->minimum_ram_size, h.program->binary_end_offset,
                                   h.program->version));
  }
  std::vector<std::string> wfr;
  for (uint8_t i = 0; i < h.writeable_flash_region_count; ++i) {
    wfr.push_back(absl::StrFormat(R"({"offset":%u,"size":%u})", h.writeable_flash_regions[i].offset,
                                  h.writeable_flash_regions[i].size));
  }
  if (!wfr.empty()) {
    add("writeable_flash_regions", absl::StrCat("[", absl::StrJoin(wfr, ","), "]"));
  }
  if (h.fixed_addresses) {
    add("fixed_addresses", absl::StrFormat(R"({"start_process_ram":%u,"start_process_flash":%u})",
                                           h.fixed_addresses->start_process_ram,
                                           h.fixed_addresses->start_process_flash));
  }
  if (h.permissions) {
    std::vector<std::string> p;
    for (uint16_t i = 0; i < h.permissions->count; ++i) {
      Permission e = h.permissions->at(i);
      p.push_back(absl::StrFormat(R"({"driver_number":%u,"offset":%u,"allowed_commands":%u})",
                                  e.driver_number, e.offset, e.allowed_commands));
    }
    add("permissions", absl::StrCat("[", absl::StrJoin(p, ","), "]"));
  }
  if (h.storage_permissions) {
    const auto& sp = *h.storage_permissions;
    std::vector<uint32_t> r, m;
    for (uint16_t i = 0; i < sp.read_count; ++i) {
      r.push_back(sp.read_id(i));
    }
    for (uint16_t i = 0; i < sp.modify_count; ++i) {
      m.push_back(sp.modify_id(i));
    }
    add("storage_permissions",
        absl::StrFormat(R"({"write_id":%u,"read_ids":[%s],"modify_ids":[%s]})", sp.write_id,
                        absl::StrJoin(r, ","), absl::StrJoin(m, ",")));
  }
  if (h.kernel_version) {
    add("kernel_version", absl::StrFormat(R"({"major":%u,"minor":%u})", h.kernel_version->major,
                                          h.kernel_version->minor));
  }
  if (h.short_id) {
    add("short_id", absl::StrCat(*h.short_id));
  }
  add("unknown_tlvs", absl::StrCat(h.unknown_tlv_count));
  std::vector<std::string> creds;
  for (uint8_t i = 0; i < h.credential_count; ++i) {
    const Credential& c = h.credentials[i];
    std::string status = integrity && i < integrity->count
                             ? JsonString(CheckName(integrity->checks[i]))
                             : std::string("null");
    creds.push_back(absl::StrFormat(
        R"({"offset":%u,"format":%u,"format_name":%s,"data_length":%u,"check":%s})", c.offset,
        c.format, JsonString(CredentialFormatName(c.format)), c.data.size(), status));
  }
  add("credentials", absl::StrCat("[", absl::StrJoin(creds, ","), "]"));
  return absl::StrCat("{", absl::StrJoin(f, ","), "}");
}

}  // namespace tock::tbf
