package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ETCDCTL_API=2 etcdctl} (the reference's, when installed; the test is reported
 * as skipped otherwise) against a three-member cluster of ours (SPEC CTL-060, CTL-061, OTH-021,
 * OTH-022, OTH-011): {@code member list} prints every member with its name, URLs and the leader
 * mark, {@code cluster-health} finds each member healthy through its client URL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdctlClusterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @RegisterExtension final LoopbackCluster cluster = LoopbackCluster.inTempDir();

  private EmbeddedEtcd leader;

  @BeforeEach
  void startCluster() throws Exception {
    Assumptions.assumeTrue(
        etcdctl() != null, "etcdctl is not installed (Debian package etcd-client)");
    cluster.start("a", "b", "c");
    leader = cluster.awaitLeader(DEADLINE);
  }

  /** CTL-060: one line per member, in the API's ID order, the leader marked. */
  @Test
  void memberListShowsEveryMember() throws Exception {
    List<EmbeddedEtcd> byId = new ArrayList<>(cluster.running());
    byId.sort(Comparator.comparing(m -> Long.parseUnsignedLong(m.server().idHex(), 16),
        Long::compareUnsigned));
    Result r = awaitOutput(List.of("member", "list"), () -> {
      StringBuilder b = new StringBuilder();
      for (EmbeddedEtcd m : byId) {
        b.append(m.server().idHex())
            .append(": name=").append(m.server().name())
            .append(" peerURLs=").append(m.server().self().peerUrls().get(0))
            .append(" clientURLs=").append(m.clientUrl())
            .append(" isLeader=").append(m.server().isLeader())
            .append('\n');
      }
      return b.toString();
    });
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).hasSize(3);
    assertThat(r.out()).contains(leader.server().idHex() + ": name=" + leader.server().name());
  }

  /** CTL-061: every member answers /health through its advertised client URL. */
  @Test
  void clusterHealthFindsEveryMemberHealthy() throws Exception {
    List<EmbeddedEtcd> byId = new ArrayList<>(cluster.running());
    byId.sort(Comparator.comparing(m -> Long.parseUnsignedLong(m.server().idHex(), 16),
        Long::compareUnsigned));
    Result r = awaitOutput(List.of("cluster-health"), () -> {
      StringBuilder b = new StringBuilder();
      for (EmbeddedEtcd m : byId) {
        b.append("member ").append(m.server().idHex())
            .append(" is healthy: got healthy result from ").append(m.clientUrl()).append('\n');
      }
      return b.append("cluster is healthy\n").toString();
    });
    assertThat(r.exit()).isZero();
  }

  private record Result(int exit, String out, String err) {}

  /**
   * Runs etcdctl until its stdout is what {@code expected} says, worked out again before each try
   * (the leader may move), within the deadline.
   */
  private Result awaitOutput(List<String> args, Supplier<String> expected) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    Result last = null;
    String want = "";
    while (System.nanoTime() < end) {
      want = expected.get();
      last = run(args);
      if (last.out().equals(want)) {
        return last;
      }
      Thread.sleep(200);
    }
    assertThat(last.out()).as("etcdctl %s; stderr %s", args, last.err()).isEqualTo(want);
    return last;
  }

  private Result run(List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(etcdctl());
    cmd.add("--endpoints");
    cmd.add(leader.clientUrl());
    cmd.addAll(args);
    Path out = tmp.resolve("etcdctl.out");
    Path err = tmp.resolve("etcdctl.err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("ETCDCTL_"));
    env.put("ETCDCTL_API", "2");
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("etcdctl " + args + " did not finish within 30 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The etcdctl on the PATH, or null. */
  private static String etcdctl() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "etcdctl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
