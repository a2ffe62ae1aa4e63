// The static deferred-call registry: a slot array plus a pending bit mask. Kernel context only;
// the mask is atomic so a chip may also Set() from an interrupt handler.
#include "kernel/deferred_call.h"

namespace tock {
namespace {

static_assert(kMaxDeferredCalls <= 32, "pending mask is 32 bits");

DeferredCallClient* g_clients[kMaxDeferredCalls] = {};
size_t g_count = 0;
size_t g_overflow = 0;
uint32_t g_generation = 1;
std::atomic<uint32_t> g_pending{0};

}  // namespace

DeferredCall::DeferredCall() : index_(kMaxDeferredCalls), generation_(g_generation) {
  if (g_count < kMaxDeferredCalls) {
    index_ = g_count++;
  } else {
    ++g_overflow;
  }
}

void DeferredCall::RegisterClient(DeferredCallClient& client) {
  if (IsRegistered() && generation_ == g_generation) {
    g_clients[index_] = &client;
  }
}

void DeferredCall::Set() {
  if (IsRegistered() && generation_ == g_generation) {
    g_pending.fetch_or(1u << index_, std::memory_order_relaxed);
  }
}

bool DeferredCall::IsPending() const {
  if (!IsRegistered() || generation_ != g_generation) {
    return false;
  }
  return (g_pending.load(std::memory_order_relaxed) >> index_) & 1u;
}

bool DeferredCall::HasPending() { return g_pending.load(std::memory_order_relaxed) != 0; }

bool DeferredCall::ServiceNext(const DeferredCallCapability&) {
  uint32_t pending = g_pending.load(std::memory_order_relaxed);
  while (pending != 0) {
    size_t i = 0;
    while (((pending >> i) & 1u) == 0) {
      ++i;
    }
    g_pending.fetch_and(~(1u << i), std::memory_order_relaxed);
    if (g_clients[i] != nullptr) {
      g_clients[i]->HandleDeferredCall();
      return true;
    }
    pending = g_pending.load(std::memory_order_relaxed);
  }
  return false;
}

bool DeferredCall::AllRegistered() {
  if (g_overflow != 0) {
    return false;
  }
  for (size_t i = 0; i < g_count; ++i) {
    if (g_clients[i] == nullptr) {
      return false;
    }
  }
  return true;
}

void DeferredCall::ResetForTesting(const DeferredCallCapability&) {
  for (auto& c : g_clients) {
    c = nullptr;
  }
  g_count = 0;
  g_overflow = 0;
  ++g_generation;
  g_pending.store(0, std::memory_order_relaxed);
}

}  // namespace tock
