// libFuzzer target for the freestanding TBF parser: parses the input as an app-flash region
// (objects back to back), checks integrity credentials, walks TLVs and derives the kernel's
// ProcessLoadInfo, asserting the invariants the kernel relies on. Host build only.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "tbf-tools/lib/tbf.h"

namespace {

void Check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

void FuzzOne(std::span<const uint8_t> image) {
  tock::tbf::Result<tock::tbf::TbfHeader> r = tock::tbf::ParseTbf(image);
  if (!r.ok()) {
    Check(r.error().field != nullptr && r.error().offset <= image.size() + 16);
    Check(tock::tbf::ErrorKindName(r.error().kind) != nullptr);
    return;
  }
  const tock::tbf::TbfHeader& h = r.value();
  // Everything the parser accepted lies inside the object.
  Check(h.header_size <= h.total_size && h.total_size <= image.size());
  Check(h.binary_end_offset() <= h.total_size);
  if (h.main || h.program) {
    Check(h.app_binary_offset() <= h.binary_end_offset());
    Check(uint64_t{h.header_size} + h.init_fn_offset() < h.binary_end_offset());
  }
  if (h.package_name) {
    Check(h.package_name->data() >= image.data() &&
          h.package_name->data() + h.package_name->size() <= image.data() + h.header_size);
  }
  for (uint8_t i = 0; i < h.credential_count; ++i) {
    const tock::tbf::Credential& c = h.credentials[i];
    Check(c.offset >= h.binary_end_offset() && c.offset + 4u + c.length <= h.total_size);
  }
  tock::tbf::Result<tock::tbf::IntegrityReport> integrity = tock::tbf::CheckIntegrity(image, h);
  (void)integrity.ok();
  tock::tbf::ProcessLoadInfo info = tock::tbf::MakeProcessLoadInfo(image, h);
  volatile bool sink =
      tock::tbf::CommandPermitted(info, 1, 2) || tock::tbf::DriverPermitted(info, 3);
  (void)sink;
  if (h.storage_permissions) {
    uint32_t x = 0;
    for (uint16_t i = 0; i < h.storage_permissions->read_count; ++i) {
      x ^= h.storage_permissions->read_id(i);
    }
    for (uint16_t i = 0; i < h.storage_permissions->modify_count; ++i) {
      x ^= h.storage_permissions->modify_id(i);
    }
    volatile uint32_t s2 = x;
    (void)s2;
  }
  tock::tbf::TlvCursor cursor(image.first(h.header_size));
  for (int n = 0; n < 20000; ++n) {
    auto next = cursor.Next();
    Check(next.ok());  // the parser already accepted this framing
    if (!next.value()) {
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> rest(data, size);
  // Like the kernel's app scan: keep going while objects parse.
  for (int objects = 0; objects < 64 && !rest.empty(); ++objects) {
    FuzzOne(rest);
    tock::tbf::Result<tock::tbf::TbfHeader> base = tock::tbf::ParseBaseHeader(rest);
    if (!base.ok() || base->total_size == 0 || base->total_size > rest.size()) {
      break;
    }
    rest = rest.subspan(base->total_size);
  }
  return 0;
}
