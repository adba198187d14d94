package io.etcdj.server;

import io.etcdj.server.log.GoDuration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's heartbeats must leave at least every two heartbeat intervals; one that leaves later
 * means the member is overloaded (a slow disk holds up its raft loop, or the machine its threads),
 * and followers may soon campaign. etcd's timeout detector warns then (SPEC FLG-065, GOT-018):
 * {@code failed to send out heartbeat on time (exceeded the 100ms timeout for 154.49ms)} and {@code
 * server is likely overloaded}.
 *
 * <p>Thread-safety: not thread-safe; owned by the raft loop, which sends the heartbeats.
 */
final class HeartbeatDeadline {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final long heartbeatNanos;
  private final long maxGapNanos;

  /** The time each follower was last sent a heartbeat. */
  private final Map<Long, Long> lastSent = new HashMap<>();

  HeartbeatDeadline(long heartbeatMs) {
    this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMs);
    this.maxGapNanos = 2 * heartbeatNanos;
  }

  /** A heartbeat to {@code to} leaves at {@code nowNanos}: logs etcd's two lines if it is late. */
  void warnIfLate(long to, long nowNanos) {
    String late = sent(to, nowNanos);
    if (late != null) {
      LOG.warn("{}", late);
      LOG.warn("server is likely overloaded");
    }
  }

  /**
   * A heartbeat to {@code to} leaves at {@code nowNanos}.
   *
   * @return the warning to log if it is late, else null
   */
  String sent(long to, long nowNanos) {
    Long previous = lastSent.put(to, nowNanos);
    if (previous == null) {
      return null;
    }
    long exceeded = nowNanos - previous - maxGapNanos;
    if (exceeded <= 0) {
      return null;
    }
    return "failed to send out heartbeat on time (exceeded the "
        + GoDuration.format(heartbeatNanos)
        + " timeout for "
        + GoDuration.format(exceeded)
        + ")";
  }

  /** This member became leader: heartbeats sent in an earlier term say nothing about now. */
  void reset() {
    lastSent.clear();
  }
}
