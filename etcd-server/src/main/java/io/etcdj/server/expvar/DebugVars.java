package io.etcdj.server.expvar;

import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateType;
import io.etcdj.raft.Status;
import io.etcdj.store.V2Json;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /debug/vars} (SPEC OTH-014): the variables etcd 2.3 publishes, in the
 * layout of Go's expvar handler, {@code {\n"name": value,\n...\n}\n}, sorted by name as Go's
 * {@code expvar.Do} visits them.
 *
 * <p>Thread-safety: stateless.
 */
public final class DebugVars {
  /** Go's zero {@code raft.Status}, for a raft loop that did not answer (it has stopped). */
  private static final Status NO_STATUS =
      new Status(0, 0, 0, 0, 0, new SoftState(0, StateType.FOLLOWER), Map.of(), 0);

  private DebugVars() {}

  /**
   * Starts recording the garbage collections that memstats reports one by one; called when a
   * member starts serving, so that its ring holds the collections since.
   */
  public static void startRecording() {
    GcPauses.recorder();
  }

  /**
   * @param commandLine Go's {@code os.Args} ({@code cmdline})
   * @param raft raft's status ({@code raft.status}), or null when raft did not answer
   */
  public static String json(List<String> commandLine, Status raft) {
    Map<String, String> vars = new TreeMap<>();
    vars.put("cmdline", V2Json.quoteArray(commandLine));
    vars.put("file_descriptor_limit", Long.toString(fileDescriptorLimit()));
    vars.put("memstats", MemStats.json());
    vars.put("raft.status", (raft == null ? NO_STATUS : raft).toJson());
    StringBuilder b = new StringBuilder(8192).append("{\n");
    boolean first = true;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      // Go writes the name with %q: these names need no escaping.
      b.append(first ? "\"" : ",\n\"").append(v.getKey()).append("\": ").append(v.getValue());
      first = false;
    }
    return b.append("\n}\n").toString();
  }

  /**
   * The soft limit on open files, as etcd publishes it on Linux; 0 where it cannot be read, as
   * etcd elsewhere. The JVM raises its soft limit to the hard one as it starts (HotSpot's
   * MaxFDLimit), so this is the limit the member actually runs with.
   */
  static long fileDescriptorLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? Math.max(0, unix.getMaxFileDescriptorCount())
        : 0;
  }
}
