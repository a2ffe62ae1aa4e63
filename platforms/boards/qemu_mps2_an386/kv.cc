// The QEMU board's KV store (driver 0x50003): the portable store and driver (capsules/kv) over a
// RamFlash of 32 pages of 4 KiB in PSRAM (layout.ld: _skvstorage), erased at boot, with the
// apps' TBF storage permissions, as on tockd. A board extension (board_context.h).
#include <cstddef>
#include <cstdint>

#include "capsules/kv/kv_component.h"
#include "capsules/storage_permissions/tbf_storage_permissions.h"
#include "platforms/boards/common/ram_flash.h"
#include "platforms/boards/qemu_mps2_an386/board_context.h"

extern uint8_t _skvstorage[], _ekvstorage[];

namespace tock::boards::qemu_mps2_an386 {
namespace {

constexpr size_t kPageSize = 4096;
constexpr size_t kPages = 32;

RamFlash kv_flash(_skvstorage, static_cast<size_t>(_ekvstorage - _skvstorage), kPageSize);

void WireKv(QemuBoardContext& board) {
  kv_flash.Init();
  static capsules::components::KvComponent<kPageSize, kPages, capsules::TbfStoragePermissions> kv(
      kv_flash, board.kernel, board.mem_cap);
  board.registrar.Add(kv);
}

const QemuBoardExtension kKv("kv", WireKv);

}  // namespace
}  // namespace tock::boards::qemu_mps2_an386
