// Unix-domain stream socket helpers shared by the console listener, the control server and
// tockctl: parse "unix:PATH" addresses, listen, connect, set non-blocking. Host-only.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "hostkernel/process/unique_fd.h"

namespace tockpp::hostkernel {

// "unix:PATH" -> PATH. Rejects other schemes, an empty path and paths too long for sun_path.
absl::StatusOr<std::string> ParseUnixAddress(absl::string_view address);

// A non-blocking, close-on-exec listening socket at `path`. A stale socket file left by a dead
// tockd is replaced; any other existing file is an error.
absl::StatusOr<UniqueFd> ListenUnix(const std::string& path, int backlog = 16);

// A blocking, close-on-exec connection to `path`.
absl::StatusOr<UniqueFd> ConnectUnix(const std::string& path);

// Accepts one pending connection as a non-blocking, close-on-exec fd; invalid on EAGAIN.
UniqueFd AcceptNonBlocking(int listen_fd);

bool SetNonBlocking(int fd);

}  // namespace tockpp::hostkernel
