package io.etcdj.server.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what the leader statistics hook is told (SPEC PTR-029).
 *
 * <p>Thread-safety: thread-safe.
 */
final class RecordingStats implements FollowerStats {
  final Map<Long, Integer> successes = new ConcurrentHashMap<>();
  final Map<Long, Integer> failures = new ConcurrentHashMap<>();

  @Override
  public void succ(long followerId, Duration latency) {
    if (latency.isNegative()) {
      throw new AssertionError("negative latency " + latency);
    }
    successes.merge(followerId, 1, Integer::sum);
  }

  @Override
  public void fail(long followerId) {
    failures.merge(followerId, 1, Integer::sum);
  }

  int successes(long id) {
    return successes.getOrDefault(id, 0);
  }

  int failures(long id) {
    return failures.getOrDefault(id, 0);
  }
}
