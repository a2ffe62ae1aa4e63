// KvComponent: the KV store driver (0x50003) over page flash: the log store (kPageSize-byte
// page buffer, an index of kPages pages), the storage-permissions policy and the driver with
// its grant. The store mounts at construction (it reads every page; apps' operations wait for
// it). Policy is TbfStoragePermissions on boards (built from the kernel) or, for tests and the
// fuzz harness, IndividualStoragePermissions (each app its own id).
//
// Wiring (board, static):
//   FlashUser kv_pages(flash_mux, /*first_page=*/16, /*page_count=*/32);
//   KvComponent<4096, 32, TbfStoragePermissions> kv(kv_pages, kernel, mem_cap);
//   registrar.Add(kv);
#ifndef TOCKPP_CAPSULES_KV_KV_COMPONENT_H_
#define TOCKPP_CAPSULES_KV_KV_COMPONENT_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "capsules/kv/kv_driver.h"
#include "capsules/kv/kv_store.h"
#include "capsules/storage_permissions/storage_permissions.h"
#include "hil/flash.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kPageSize, size_t kPages, typename Policy = IndividualStoragePermissions>
class KvComponent {
  static_assert(kPageSize > KvStore::kHeaderBytes && kPages > 0);

 public:
  static constexpr uint32_t kDriverNum = KvDriver::kDriverNum;
  static constexpr const char* kName = KvDriver::kName;

  KvComponent(hil::flash::Flash& flash, Kernel& kernel, const MemoryAllocationCapability& cap)
      : policy_(MakePolicy(kernel)),
        store_(flash, page_buffer_, index_),
        grant_(kernel, kDriverNum, cap),
        driver_(store_, grant_, policy_) {
    mount_status_ = store_.Mount();
  }
  KvComponent(const KvComponent&) = delete;
  KvComponent& operator=(const KvComponent&) = delete;

  KvDriver& driver() { return driver_; }
  KvStore& store() { return store_; }
  // Whether the mount could start (INVAL: the flash's page size is not kPageSize).
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
  KvDriver::GrantType grant_;
  KvDriver driver_;
  Result<void> mount_status_ = Result<void>::Ok();
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_KV_KV_COMPONENT_H_
