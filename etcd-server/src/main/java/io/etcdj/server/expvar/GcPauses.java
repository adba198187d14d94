package io.etcdj.server.expvar;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The last 256 garbage collections' durations and end times, for the {@code PauseNs} and {@code
 * PauseEnd} rings of memstats (SPEC OTH-014). The JVM tells of each collection by a notification
 * from its collector's MXBean, and keeps no history: this records them from the first use on.
 * Slot {@code (n - 1) % 256} holds the n-th collection of the process, as in Go, counting the
 * ones before recording began (their slots stay 0).
 *
 * <p>One recorder per process, as there is one heap. Thread-safety: the JVM's notification thread
 * records, HTTP threads copy; both under this object's lock.
 */
final class GcPauses {
  /** Go's ring size ({@code len(MemStats.PauseNs)}). */
  static final int RING = 256;

  private static final GcPauses INSTANCE = new GcPauses();

  private final long[] pauseNs = new long[RING];
  private final long[] endNs = new long[RING];
  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  /** Collections the process had made when the last one recorded here ended. */
  private long collections;

  private GcPauses() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    synchronized (this) {
      collections = MemStats.collectionCount(collectors);
    }
    for (GarbageCollectorMXBean gc : collectors) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((n, handback) -> collected(n), null, null);
      }
    }
  }

  /** The recorder, recording from the first call on. */
  static GcPauses recorder() {
    return INSTANCE;
  }

  private void collected(Notification n) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GcInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
    // The JVM times collections in milliseconds since its start.
    long pause = info.getDuration() * 1_000_000;
    long end = (jvmStartMillis + info.getEndTime()) * 1_000_000;
    synchronized (this) {
      int slot = (int) (collections % RING);
      pauseNs[slot] = pause;
      endNs[slot] = end;
      collections++;
    }
  }

  /** A copy of the durations ring, in nanoseconds. */
  synchronized long[] pauseNs() {
    return pauseNs.clone();
  }

  /** A copy of the end times ring, in nanoseconds since 1970. */
  synchronized long[] pauseEnds() {
    return endNs.clone();
  }
}
