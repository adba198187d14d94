package io.etcdj.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request IDs that correlate a proposal with its applied entry (SPEC CLU-007): the low 16 bits of
 * the member ID in bits 48-63, then the start-up time in Unix milliseconds (40 bits) shifted left
 * by 8, then a counter in the low 8 bits whose carry runs into the time part. IDs from two starts
 * of one member differ because the time differs.
 *
 * <p>Thread-safety: safe for concurrent use (one atomic counter).
 */
final class RequestIds {
  private static final long SUFFIX_MASK = (1L << 48) - 1;
  private static final long TIME_MASK = (1L << 40) - 1;

  private final long prefix;
  private final AtomicLong suffix;

  RequestIds(long memberId, long startUnixMillis) {
    this.prefix = (memberId & 0xffff) << 48;
    this.suffix = new AtomicLong((startUnixMillis & TIME_MASK) << 8);
  }

  long next() {
    return prefix | (suffix.incrementAndGet() & SUFFIX_MASK);
  }
}
