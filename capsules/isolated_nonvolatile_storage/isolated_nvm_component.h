// IsolatedNvmComponent: the isolated nonvolatile storage driver (0x50004) over page flash: its
// own KvStore (kPageSize-byte page buffer, kPages pages), the storage-permissions policy, the
// driver (kRegionBytes per app in blocks of kBlockBytes) and its grant. Mounts at construction.
//
// Wiring (board, static):
//   FlashUser invs_pages(flash_mux, /*first_page=*/48, /*page_count=*/32);
//   IsolatedNvmComponent<4096, 32, TbfStoragePermissions> invs(invs_pages, kernel, mem_cap);
//   registrar.Add(invs);
#ifndef TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_COMPONENT_H_
#define TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_COMPONENT_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "capsules/isolated_nonvolatile_storage/isolated_nvm_driver.h"
#include "capsules/kv/kv_store.h"
#include "capsules/storage_permissions/storage_permissions.h"
#include "hil/flash.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kPageSize, size_t kPages, typename Policy = IndividualStoragePermissions,
          uint32_t kRegionBytes = 8192, uint32_t kBlockBytes = 2048>
class IsolatedNvmComponent {
  static_assert(kBlockBytes > 0 && kBlockBytes <= kPageSize - KvStore::kHeaderBytes);
  static_assert(kRegionBytes % kBlockBytes == 0);

 public:
  static constexpr uint32_t kDriverNum = IsolatedNvmDriver::kDriverNum;
  static constexpr const char* kName = IsolatedNvmDriver::kName;

  IsolatedNvmComponent(hil::flash::Flash& flash, Kernel& kernel,
                       const MemoryAllocationCapability& cap)
      : policy_(MakePolicy(kernel)),
        store_(flash, page_buffer_, index_),
        grant_(kernel, kDriverNum, cap),
        driver_(store_, grant_, policy_, kRegionBytes, kBlockBytes) {
    mount_status_ = store_.Mount();
  }
  IsolatedNvmComponent(const IsolatedNvmComponent&) = delete;
  IsolatedNvmComponent& operator=(const IsolatedNvmComponent&) = delete;

  IsolatedNvmDriver& driver() { return driver_; }
  Result<void> mount_status() const { return mount_status_; }

 private:
  static Policy MakePolicy(Kernel& kernel) {
    if constexpr (requires { Policy(kernel); }) {
      return Policy(kernel);
    } else {
      return Policy();
    }
  }

  Policy policy_;
  std::array<uint8_t, kPageSize> page_buffer_{};
  std::array<KvPageInfo, kPages> index_{};
  KvStore store_;
  IsolatedNvmDriver::GrantType grant_;
  IsolatedNvmDriver driver_;
  Result<void> mount_status_ = Result<void>::Ok();
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_ISOLATED_NONVOLATILE_STORAGE_ISOLATED_NVM_COMPONENT_H_
