package io.etcdj.server.expvar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.raft.ProgressStatus;
import io.etcdj.raft.SoftState;
import io.etcdj.raft.StateType;
import io.etcdj.raft.Status;
import io.etcdj.raft.tracker.ProgressState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OTH-014: the layout of {@code /debug/vars} and of its variables, as etcd 2.3 writes them. */
class DebugVarsTest {
  /** Go 1.6's runtime.MemStats, in its order (etcd 3.4's Go adds NumForcedGC after NumGC). */
  private static final List<String> GO16_MEMSTATS =
      List.of(
          "Alloc", "TotalAlloc", "Sys", "Lookups", "Mallocs", "Frees", "HeapAlloc", "HeapSys",
          "HeapIdle", "HeapInuse", "HeapReleased", "HeapObjects", "StackInuse", "StackSys",
          "MSpanInuse", "MSpanSys", "MCacheInuse", "MCacheSys", "BuckHashSys", "GCSys",
          "OtherSys", "NextGC", "LastGC", "PauseTotalNs", "PauseNs", "PauseEnd", "NumGC",
          "GCCPUFraction", "EnableGC", "DebugGC", "BySize");

  private static final Status LEADER =
      new Status(
          0x8876210cd96651c6L,
          2,
          0x8876210cd96651c6L,
          4,
          4,
          new SoftState(0x8876210cd96651c6L, StateType.LEADER),
          Map.of(0x8876210cd96651c6L, new ProgressStatus(4, 5, ProgressState.REPLICATE)),
          0);

  @Test
  void expvarLayoutSortedByName() {
    String body = DebugVars.json(List.of("etcd", "--name", "a<b"), LEADER);

    assertThat(body)
        .startsWith("{\n\"cmdline\": [\"etcd\",\"--name\",\"a\\u003cb\"],\n"
            + "\"file_descriptor_limit\": ")
        .contains(",\n\"memstats\": {\"Alloc\":")
        .endsWith("},\n\"raft.status\": {\"id\":\"8876210cd96651c6\",\"term\":2,"
            + "\"vote\":\"8876210cd96651c6\",\"commit\":4,\"lead\":\"8876210cd96651c6\","
            + "\"raftState\":\"StateLeader\",\"progress\":{\"8876210cd96651c6\":"
            + "{\"match\":4,\"next\":5,\"state\":\"ProgressStateReplicate\"}}}\n}\n");
  }

  /** Linux: the soft RLIMIT_NOFILE, as etcd 2.3 publishes it there. */
  @Test
  void fileDescriptorLimitIsTheProcesss() throws Exception {
    JsonNode vars = new ObjectMapper().readTree(DebugVars.json(List.of("etcd"), LEADER));

    assertThat(vars.get("file_descriptor_limit").asLong()).isPositive();
  }

  @Test
  void memstatsHasGo16sFieldsInItsOrder() throws Exception {
    JsonNode memstats =
        new ObjectMapper().readTree(DebugVars.json(List.of("etcd"), LEADER)).get("memstats");

    List<String> names = new ArrayList<>();
    memstats.fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(GO16_MEMSTATS);
    assertThat(memstats.get("PauseNs")).hasSize(256);
    assertThat(memstats.get("PauseEnd")).hasSize(256);
    assertThat(memstats.get("BySize")).hasSize(61);
    assertThat(memstats.get("BySize").get(0).toString())
        .isEqualTo("{\"Size\":0,\"Mallocs\":0,\"Frees\":0}");
    assertThat(memstats.get("HeapAlloc").asLong()).isPositive();
    assertThat(memstats.get("Alloc").asLong()).isEqualTo(memstats.get("HeapAlloc").asLong());
    assertThat(memstats.get("Sys").asLong())
        .isEqualTo(memstats.get("HeapSys").asLong() + memstats.get("OtherSys").asLong());
    assertThat(memstats.get("EnableGC").asBoolean()).isTrue();
  }

  /**
   * A collection shows in NumGC and LastGC, and in the rings at Go's slot for the latest one,
   * {@code (NumGC - 1) % 256}, once the JVM has told of it (its notifications come on their own
   * thread).
   */
  @Test
  void collectionsAreCounted() throws Exception {
    DebugVars.startRecording();
    System.gc();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode memstats;
    long latestEnd;
    do {
      memstats =
          new ObjectMapper().readTree(DebugVars.json(List.of("etcd"), LEADER)).get("memstats");
      long numGc = memstats.get("NumGC").asLong();
      latestEnd = memstats.get("PauseEnd").get((int) ((numGc - 1) % 256)).asLong();
    } while (latestEnd == 0 && System.nanoTime() < deadline);

    assertThat(memstats.get("NumGC").asLong()).isPositive();
    assertThat(memstats.get("LastGC").asLong())
        .isGreaterThan(1_600_000_000_000_000_000L); // nanoseconds since 1970
    assertThat(latestEnd).isEqualTo(memstats.get("LastGC").asLong());
  }

  /** A raft loop that does not answer: Go's zero raft.Status. */
  @Test
  void noRaftStatusIsGosZeroStatus() {
    assertThat(DebugVars.json(List.of("etcd"), null))
        .endsWith("\n\"raft.status\": {\"id\":\"0\",\"term\":0,\"vote\":\"0\",\"commit\":0,"
            + "\"lead\":\"0\",\"raftState\":\"StateFollower\",\"progress\":{}}\n}\n");
  }
}
