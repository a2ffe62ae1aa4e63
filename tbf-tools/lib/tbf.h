// Umbrella header of //tbf-tools/lib:tbf, the freestanding TBF v2 library.
// Start here: ParseTbf (parser.h) -> TbfHeader (tbf_header.h); CheckIntegrity (integrity.h);
// ProcessLoadInfo / ParseForLoading (process_load_info.h) for the kernel's process loader.
#ifndef TOCKPP_TBF_TOOLS_LIB_TBF_H_
#define TOCKPP_TBF_TOOLS_LIB_TBF_H_

#include "tbf-tools/lib/checksum.h"
#include "tbf-tools/lib/error.h"
#include "tbf-tools/lib/integrity.h"
#include "tbf-tools/lib/parser.h"
#include "tbf-tools/lib/process_load_info.h"
#include "tbf-tools/lib/result.h"
#include "tbf-tools/lib/sha2.h"
#include "tbf-tools/lib/tbf_header.h"
#include "tbf-tools/lib/tlv_cursor.h"
#include "tbf-tools/lib/types.h"

#endif  // TOCKPP_TBF_TOOLS_LIB_TBF_H_
