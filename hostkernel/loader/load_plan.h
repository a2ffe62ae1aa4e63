// The load plan: every file given to tockd, read (hostkernel/runtime/app_image.h), each app
// checked on its own (app_check.h), then checked against the others in command-line order:
// a name already taken, the total RAM cap and the process slots. Nothing here creates a
// process; tockd loads `accepted` and prints one line per `refused`.
#ifndef TOCKPP_HOSTKERNEL_LOADER_LOAD_PLAN_H_
#define TOCKPP_HOSTKERNEL_LOADER_LOAD_PLAN_H_

#include <memory>
#include <string>
#include <vector>

#include "hostkernel/loader/app_check.h"
#include "hostkernel/runtime/app_image.h"
#include "kernel/error_code.h"

namespace tock::hostkernel {

struct LoadPlan {
  std::vector<std::unique_ptr<AppImage>> accepted;  // in command-line order
  std::vector<AppRefusal> refused;                  // in command-line order
  std::vector<std::string> notes;                   // e.g. a placeholder name given
};

// Plans already-read files (one AppFile per command-line argument).
LoadPlan PlanLoad(std::vector<AppFile> files, const HostLoadLimits& limits);

// Reads every path with LoadAppFile, then plans.
LoadPlan PlanLoadFiles(const std::vector<std::string>& paths, const HostLoadLimits& limits);

// "tockd: not loading PATH (NAME): REASON" (no newline).
std::string RefusalLine(const AppRefusal& refusal);

// Words for an error Kernel::LoadProcess returned for `image` although the plan accepted it.
std::string DescribeLoadError(tock::ErrorCode error, const AppImage& image, size_t loaded,
                              const HostLoadLimits& limits);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_LOADER_LOAD_PLAN_H_
