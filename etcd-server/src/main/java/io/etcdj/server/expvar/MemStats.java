package io.etcdj.server.expvar;

import io.etcdj.server.metrics.GoFloat;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The {@code memstats} variable (SPEC OTH-014): Go 1.6's {@code runtime.MemStats}, the runtime of
 * etcd 2.3, with its field names in its order (no {@code NumForcedGC}, which Go 1.8 added), each
 * holding the JVM's closest figure. The JVM's heap stands for Go's; the memory the JVM holds
 * outside it (metaspace, code cache, direct buffers) is {@code OtherSys}. Collections are the
 * collector MXBeans' (times in milliseconds), the last 256 of them from {@link GcPauses}.
 *
 * <p>Fields the JVM has no figure for are 0: the object counts ({@code Lookups}, which Go leaves
 * 0 too, {@code Mallocs}, {@code Frees}, {@code HeapObjects}), the pages given back to the system
 * ({@code HeapReleased}), thread stacks, Go's allocator structures ({@code MSpan*}, {@code
 * MCache*}, {@code BuckHashSys}), GC metadata ({@code GCSys}), the next collection's target
 * ({@code NextGC}) and the per size class counts of {@code BySize} (the JVM has no size classes:
 * its 61 entries are all 0).
 *
 * <p>Thread-safety: stateless; the MXBeans may be read from any thread.
 */
final class MemStats {
  /** Go 1.6's {@code len(MemStats.BySize)}. */
  private static final int SIZE_CLASSES = 61;

  private MemStats() {}

  /** The JVM's figures now, as Go's encoding/json writes a MemStats. */
  static String json() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    long other = memory.getNonHeapMemoryUsage().getCommitted();
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      other += Math.max(0, pool.getMemoryUsed()); // direct and mapped buffers
    }
    long pauseMillis = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      pauseMillis += Math.max(0, gc.getCollectionTime());
    }
    GcPauses pauses = GcPauses.recorder();
    StringBuilder b = new StringBuilder(8192);
    b.append('{');
    field(b, "Alloc", heap.getUsed());
    field(b, "TotalAlloc", totalAllocated());
    field(b, "Sys", heap.getCommitted() + other); // Go's Sys is the sum of the *Sys fields
    field(b, "Lookups", 0);
    field(b, "Mallocs", 0);
    field(b, "Frees", 0);
    field(b, "HeapAlloc", heap.getUsed());
    field(b, "HeapSys", heap.getCommitted());
    field(b, "HeapIdle", heap.getCommitted() - heap.getUsed());
    field(b, "HeapInuse", heap.getUsed());
    field(b, "HeapReleased", 0);
    field(b, "HeapObjects", 0);
    field(b, "StackInuse", 0);
    field(b, "StackSys", 0);
    field(b, "MSpanInuse", 0);
    field(b, "MSpanSys", 0);
    field(b, "MCacheInuse", 0);
    field(b, "MCacheSys", 0);
    field(b, "BuckHashSys", 0);
    field(b, "GCSys", 0);
    field(b, "OtherSys", other);
    field(b, "NextGC", 0);
    field(b, "LastGC", lastCollectionEnd(collectors));
    field(b, "PauseTotalNs", pauseMillis * 1_000_000);
    array(b, "PauseNs", pauses.pauseNs());
    array(b, "PauseEnd", pauses.pauseEnds());
    field(b, "NumGC", collectionCount(collectors));
    b.append("\"GCCPUFraction\":").append(GoFloat.format(gcCpuFraction(pauseMillis))).append(',');
    b.append("\"EnableGC\":true,\"DebugGC\":false,\"BySize\":[");
    for (int i = 0; i < SIZE_CLASSES; i++) {
      b.append(i == 0 ? "" : ",").append("{\"Size\":0,\"Mallocs\":0,\"Frees\":0}");
    }
    return b.append("]}").toString();
  }

  /** Collections made since the JVM started, by every collector (Go's {@code NumGC}). */
  static long collectionCount(List<GarbageCollectorMXBean> collectors) {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static void field(StringBuilder b, String name, long value) {
    b.append('"').append(name).append("\":").append(Math.max(0, value)).append(',');
  }

  private static void array(StringBuilder b, String name, long[] values) {
    b.append('"').append(name).append("\":[");
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : ",").append(values[i]);
    }
    b.append("],");
  }

  /**
   * Bytes allocated on the heap since the JVM started, where the JVM counts them. These are the
   * bytes threads allocated, while the heap's used figure ({@code Alloc}) also counts the unused
   * rest of their allocation buffers: before the first collection this can be the smaller one.
   */
  private static long totalAllocated() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads instanceof com.sun.management.ThreadMXBean counting
        ? counting.getTotalThreadAllocatedBytes() // -1 where unsupported: written as 0
        : 0;
  }

  /** When the last collection ended, in nanoseconds since 1970; 0 before the first. */
  private static long lastCollectionEnd(List<GarbageCollectorMXBean> collectors) {
    long lastEndMillis = -1;
    for (GarbageCollectorMXBean gc : collectors) {
      com.sun.management.GcInfo last =
          gc instanceof com.sun.management.GarbageCollectorMXBean withInfo
              ? withInfo.getLastGcInfo()
              : null;
      if (last != null) {
        lastEndMillis = Math.max(lastEndMillis, last.getEndTime());
      }
    }
    if (lastEndMillis < 0) {
      return 0;
    }
    return (ManagementFactory.getRuntimeMXBean().getStartTime() + lastEndMillis) * 1_000_000;
  }

  /**
   * Go's share of the available CPU time spent collecting since the start: here the collectors'
   * time over the JVM's uptime on every processor.
   */
  private static double gcCpuFraction(long pauseMillis) {
    long uptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    int cpus = Runtime.getRuntime().availableProcessors();
    return uptimeMillis <= 0 ? 0 : (double) pauseMillis / ((double) uptimeMillis * cpus);
  }
}
