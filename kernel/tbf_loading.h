// Turns one TBF image into the TbfDescription the kernel loads, using the freestanding TBF
// library (tbf-tools/lib): sizes, entry, RAM request, name, fixed addresses, enabled flag and
// writeable flash regions (memop 7-9). Trusted board/platform code calls it before LoadProcess.
#ifndef TOCKPP_KERNEL_TBF_LOADING_H_
#define TOCKPP_KERNEL_TBF_LOADING_H_

#include <cstdint>
#include <span>

#include "kernel/error_code.h"
#include "kernel/tbf_description.h"

namespace tock {

// Pass as flash_address to use the image's own address (bare metal: flash is identity-mapped).
inline constexpr uint32_t kFlashAddressOfImage = 0xFFFFFFFFu;

// Parses `image` (starting with a TBF header; may extend past the object). `flash_address` is
// where the app sees byte 0 of the object. kInval: malformed TBF or no Main/Program header;
// kNoSupport: a padding object (not an app).
Result<TbfDescription> DescribeTbf(std::span<const uint8_t> image, uint32_t flash_address);

}  // namespace tock

#endif  // TOCKPP_KERNEL_TBF_LOADING_H_
