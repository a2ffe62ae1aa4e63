// Loads the puppet test app's flat image from the runfiles (tests, benchmarks).
#ifndef TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_IMAGE_H_
#define TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_IMAGE_H_

#include <cstdint>
#include <vector>

#include "hostkernel/process/testdata/puppet_ops.h"

namespace tock::hostkernel::testing {

// The bytes of testdata/puppet_app.bin (linked at TOCK_HOST_FLASH_ADDR, entry
// at offset 0); empty if it cannot be found.
std::vector<uint8_t> PuppetImage();

}  // namespace tock::hostkernel::testing

#endif  // TOCKPP_HOSTKERNEL_PROCESS_TESTDATA_PUPPET_IMAGE_H_
