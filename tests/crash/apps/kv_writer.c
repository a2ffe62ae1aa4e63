/* kv_writer: the crash-safety test's app. At start it reads key "counter" and prints
 * "start none" or "start N ok" (or "start N torn" if the value is not what write N stored),
 * then writes N+1, N+2, ... for ever, printing "ack K" after the store acknowledged value K.
 * Value K is 8 + K % 57 bytes: K (little-endian u32), its length, then a pattern of K, so a
 * torn or mixed value is recognised. Every 16th value it also adds and deletes a scratch key. */
#include <libtock-sync/storage/kv.h>
#include <stdio.h>

static const uint8_t kKey[] = "counter";
static const uint8_t kScratch[] = "scratch";

static uint32_t fill(uint8_t* v, uint32_t k) {
  uint32_t len = 8 + k % 57;
  for (int i = 0; i < 4; ++i) v[i] = (uint8_t)(k >> (8 * i));
  for (int i = 0; i < 4; ++i) v[4 + i] = (uint8_t)(len >> (8 * i));
  for (uint32_t i = 8; i < len; ++i) v[i] = (uint8_t)(k * 31 + i);
  return len;
}

int main(void) {
  static uint8_t value[64], expect[64];
  uint32_t len = 0, k = 0;
  returncode_t rc = libtocksync_kv_get(kKey, sizeof kKey - 1, value, sizeof value, &len);
  if (rc == RETURNCODE_ENOSUPPORT) {
    printf("start none\n");
  } else if (rc != RETURNCODE_SUCCESS || len < 8) {
    printf("start error %s %u\n", tock_strrcode(rc), (unsigned)len);
    return -1;
  } else {
    k = (uint32_t)value[0] | (uint32_t)value[1] << 8 | (uint32_t)value[2] << 16 |
        (uint32_t)value[3] << 24;
    uint32_t want = fill(expect, k);
    int same = want == len;
    for (uint32_t i = 0; same && i < len; ++i) same = value[i] == expect[i];
    printf("start %u %s\n", (unsigned)k, same ? "ok" : "torn");
  }
  for (;;) {
    ++k;
    uint32_t n = fill(value, k);
    rc = libtocksync_kv_set(kKey, sizeof kKey - 1, value, n);
    if (rc != RETURNCODE_SUCCESS) {
      printf("error %u %s\n", (unsigned)k, tock_strrcode(rc));
      return -1;
    }
    printf("ack %u\n", (unsigned)k);
    if (k % 16 == 0) {
      (void)libtocksync_kv_add(kScratch, sizeof kScratch - 1, value, n);
      (void)libtocksync_kv_delete(kScratch, sizeof kScratch - 1);
    }
  }
}
