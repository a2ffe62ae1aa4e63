// The load plan; see load_plan.h.
#include "hostkernel/loader/load_plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <variant>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "hostkernel/runtime/escaped_name.h"

namespace tock::hostkernel {

std::string RefusalLine(const AppRefusal& refusal) {
  return absl::StrCat("tockd: not loading ", refusal.source, " (", refusal.name,
                      "): ", refusal.reason);
}

namespace {

// One app of the plan after its own checks (pass 1): the refusal reason, or none.
struct Candidate {
  std::unique_ptr<AppImage> image;
  std::optional<std::string> refusal;
};

}  // namespace

LoadPlan PlanLoad(std::vector<AppFile> files, const HostLoadLimits& limits) {
  LoadPlan plan;
  // Pass 1: each app on its own (CheckHostApp, then its credentials), in command-line order,
  // with the file's own refusals (unreadable, broken TAB member) kept in place.
  std::vector<std::variant<AppRefusal, Candidate>> items;
  size_t unnamed = 0;
  for (AppFile& file : files) {
    for (AppRefusal& r : file.refused) {
      items.emplace_back(std::move(r));
    }
    for (std::unique_ptr<AppImage>& image : file.images) {
      // Apps are addressed by name (stop/start/inspect, --fault-policy NAME=...), so an app
      // whose TBF has no name gets one: unnamed-1, unnamed-2, ...
      if (image->tbf.package_name_len == 0) {
        image->SetPlaceholderName(absl::StrCat("unnamed-", ++unnamed));
        plan.notes.push_back(absl::StrCat(image->source, " has no package name; it is called '",
                                          image->name(), "'"));
      }
      Candidate c{std::move(image), std::nullopt};
      // The TBF's own name (not a placeholder) or ShortId TLV (kernel/app_id.h).
      c.image->tbf.identity.short_id = tock::AssignShortId(
          c.image->info.short_id, c.image->info.package_name, c.image->info.package_name_len);
      if (absl::Status ok = CheckHostApp(*c.image, limits); !ok.ok()) {
        c.refusal = std::string{ok.message()};
      } else if (absl::StatusOr<tock::AppIdentity> id =
                     AcceptCredentials(*c.image, limits.credentials);
                 !id.ok()) {
        c.refusal = std::string{id.status().message()};
      } else {
        c.image->tbf.identity = *id;
      }
      items.emplace_back(std::move(c));
    }
  }
  // Upstream's uniqueness rule (kernel/src/process_loading.rs, is_blocked_from_loading_by):
  // an app is not started when another app with the same ShortId has a higher version.
  auto newer_twin = [&](const AppImage& image) -> const AppImage* {
    for (const auto& item : items) {
      const Candidate* other = std::get_if<Candidate>(&item);
      if (other != nullptr && other->image != nullptr && !other->refusal &&
          other->image.get() != &image &&
          tock::SameShortId(other->image->tbf.identity.short_id, image.tbf.identity.short_id) &&
          other->image->info.app_version > image.info.app_version) {
        return other->image.get();
      }
    }
    return nullptr;
  };
  // Pass 2: against the apps accepted before, in command-line order (an accepted image has
  // moved to plan.accepted; it never has a newer twin, or it would have been refused).
  std::map<std::string, std::string> taken;  // raw name -> source of the app that has it
  uint64_t total_ram = 0;
  for (auto& item : items) {
    if (AppRefusal* r = std::get_if<AppRefusal>(&item)) {
      plan.refused.push_back(std::move(*r));
      continue;
    }
    Candidate& c = std::get<Candidate>(item);
    std::unique_ptr<AppImage>& image = c.image;
    const std::string name = image->name();
    auto refuse = [&](std::string reason) {
      plan.refused.push_back({image->source, EscapedName(name), std::move(reason)});
    };
    if (c.refusal) {
      refuse(*c.refusal);
      continue;
    }
    if (auto it = taken.find(name); it != taken.end()) {
      refuse(absl::StrCat("name '", EscapedName(name), "' already in use by ", it->second));
      continue;
    }
    const uint32_t short_id = image->tbf.identity.short_id;
    if (const AppImage* newer = newer_twin(*image)) {
      refuse(absl::StrFormat(
          "ShortId 0x%08x is also that of %s, version %u (this is version %u): only the newest "
          "app with a ShortId is started (upstream's uniqueness rule)",
          short_id, newer->source, newer->info.app_version, image->info.app_version));
      continue;
    }
    if (auto it = std::find_if(plan.accepted.begin(), plan.accepted.end(),
                               [&](const std::unique_ptr<AppImage>& a) {
                                 return tock::SameShortId(a->tbf.identity.short_id, short_id);
                               });
        it != plan.accepted.end()) {
      refuse(absl::StrFormat(
          "ShortId 0x%08x already in use by %s (two processes with the same ShortId never run "
          "at once; it is not started)",
          short_id, (*it)->source));
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
