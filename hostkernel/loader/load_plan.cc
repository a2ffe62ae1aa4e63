// The load plan; see load_plan.h.
#include "hostkernel/loader/load_plan.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hostkernel/runtime/escaped_name.h"

namespace tock::hostkernel {

std::string RefusalLine(const AppRefusal& refusal) {
  return absl::StrCat("tockd: not loading ", refusal.source, " (", refusal.name,
                      "): ", refusal.reason);
}

LoadPlan PlanLoad(std::vector<AppFile> files, const HostLoadLimits& limits) {
  LoadPlan plan;
  std::map<std::string, std::string> taken;  // raw name -> source of the app that has it
  uint64_t total_ram = 0;
  size_t unnamed = 0;
  for (AppFile& file : files) {
    for (AppRefusal& r : file.refused) {
      plan.refused.push_back(std::move(r));
    }
    for (std::unique_ptr<AppImage>& image : file.images) {
      // Apps are addressed by name (stop/start/inspect, --fault-policy NAME=...), so an app
      // whose TBF has no name gets one: unnamed-1, unnamed-2, ...
      if (image->tbf.package_name_len == 0) {
        image->SetPlaceholderName(absl::StrCat("unnamed-", ++unnamed));
        plan.notes.push_back(absl::StrCat(image->source, " has no package name; it is called '",
                                          image->name(), "'"));
      }
      const std::string name = image->name();
      auto refuse = [&](std::string reason) {
        plan.refused.push_back({image->source, EscapedName(name), std::move(reason)});
      };
      if (absl::Status ok = CheckHostApp(*image, limits); !ok.ok()) {
        refuse(std::string{ok.message()});
        continue;
      }
      if (auto it = taken.find(name); it != taken.end()) {
        refuse(absl::StrCat("name '", EscapedName(name), "' already in use by ", it->second));
        continue;
      }
      if (plan.accepted.size() >= limits.max_processes) {
        refuse(absl::StrCat("no free process slot (--max-processes=", limits.max_processes, ")"));
        continue;
      }
      const uint64_t ram = HostRamFor(*image);
      if (total_ram + ram > limits.max_total_ram) {
        refuse(absl::StrFormat(
            "its %u bytes of RAM would bring the apps' total to %u, over the limit of %u "
            "(--total-ram-max)",
            ram, total_ram + ram, limits.max_total_ram));
        continue;
      }
      total_ram += ram;
      taken.emplace(name, image->source);
      plan.accepted.push_back(std::move(image));
    }
  }
  return plan;
}

LoadPlan PlanLoadFiles(const std::vector<std::string>& paths, const HostLoadLimits& limits) {
  std::vector<AppFile> files;
  files.reserve(paths.size());
  for (const std::string& path : paths) {
    files.push_back(LoadAppFile(path));
  }
  return PlanLoad(std::move(files), limits);
}

std::string DescribeLoadError(tock::ErrorCode error, const AppImage& image, size_t loaded,
                              const HostLoadLimits& limits) {
  switch (error) {
    case tock::ErrorCode::kNoMem:
      if (loaded >= limits.max_processes) {
        return absl::StrCat("no free process slot (--max-processes=", limits.max_processes, ")");
      }
      return absl::StrFormat("the host could not set up the app's memory (%u bytes of RAM)",
                             HostRamFor(image));
    case tock::ErrorCode::kInval:
      return "the kernel refused the TBF's layout (sizes, entry point or RAM placement)";
    case tock::ErrorCode::kFail:
      return "the host could not start the app's process";
    default: {
      static constexpr const char* kNames[] = {
          "FAIL",   "BUSY",  "ALREADY",   "OFF",      "RESERVE",     "INVAL", "SIZE",
          "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE", "UNINSTALLED", "NOACK"};
      const uint32_t code = static_cast<uint32_t>(error);
      return absl::StrCat("the kernel refused to load it (",
                          code >= 1 && code <= 13 ? kNames[code - 1] : "unknown error", ")");
    }
  }
}

}  // namespace tock::hostkernel
