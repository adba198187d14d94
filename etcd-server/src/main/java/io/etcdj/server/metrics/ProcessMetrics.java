package io.etcdj.server.metrics;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code process_*} families every Prometheus client exports: CPU time, file descriptors,
 * memory and start time of this process, read from the JVM and, on Linux, from {@code /proc}.
 * Figures the platform cannot give are left out rather than made up.
 *
 * <p>Thread-safety: stateless.
 */
public final class ProcessMetrics {
  private static final Path STATM = Path.of("/proc/self/statm");
  private static final Path LIMITS = Path.of("/proc/self/limits");
  /** The page size of every Linux platform we run on; statm counts pages. */
  private static final long PAGE_SIZE = 4096;

  private ProcessMetrics() {}

  public static void writeTo(PrometheusText out) {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
      out.single(
          "process_cpu_seconds_total",
          "counter",
          "User and system CPU time of this process, in seconds.",
          sun.getProcessCpuTime() / 1e9);
    }
    if (os instanceof UnixOperatingSystemMXBean unix) {
      out.single(
          "process_max_fds",
          "gauge",
          "The most file descriptors this process may open.",
          unix.getMaxFileDescriptorCount());
      out.single(
          "process_open_fds",
          "gauge",
          "File descriptors this process has open.",
          unix.getOpenFileDescriptorCount());
    }
    long[] statm = statm();
    if (statm != null) {
      out.single(
          "process_resident_memory_bytes",
          "gauge",
          "Bytes of memory resident for this process.",
          statm[1] * PAGE_SIZE);
    }
    out.single(
        "process_start_time_seconds",
        "gauge",
        "When this process started, in seconds since the Unix epoch.",
        ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);
    if (statm != null) {
      out.single(
          "process_virtual_memory_bytes",
          "gauge",
          "Bytes of virtual memory of this process.",
          statm[0] * PAGE_SIZE);
    }
    double maxVirtual = maxAddressSpace();
    if (!Double.isNaN(maxVirtual)) {
      out.single(
          "process_virtual_memory_max_bytes",
          "gauge",
          "The most virtual memory this process may map, in bytes.",
          maxVirtual);
    }
  }

  /** Total and resident pages, or null off Linux. */
  private static long[] statm() {
    try {
      String[] f = Files.readString(STATM).trim().split(" ");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The soft address-space limit; unlimited is 2^64 - 1 as Go reports it; NaN off Linux. */
  private static double maxAddressSpace() {
    try {
      List<String> lines = Files.readAllLines(LIMITS);
      for (String line : lines) {
        if (line.startsWith("Max address space")) {
          String soft = line.substring("Max address space".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? 0x1p64 : Double.parseDouble(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the family is left out
    }
    return Double.NaN;
  }
}
