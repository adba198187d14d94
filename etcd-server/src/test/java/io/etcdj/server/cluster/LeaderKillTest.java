package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the leader's process while writes pour in through all three members (SPEC RFT-007,
 * RFT-016, PER-022, PER-048): a write is acknowledged only once a majority has it in its fsynced
 * WAL, so every acknowledged write, at the index it was acknowledged with, is on both survivors
 * (which elect a new leader and keep taking writes) and, once restarted from its data dir, on the
 * killed member too. Members run in their own JVMs ({@link ProcessMember}) with {@code
 * --snapshot-count 100}, so the kill may also land in the middle of a snapshot.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class LeaderKillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String[] NAMES = {"a", "b", "c"};
  private static final int WRITERS = 6;
  private static final int ACKS_BEFORE_KILL = 300;
  private static final int ACKS_AFTER_KILL = 100;

  @TempDir Path tmp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<ProcessMember> members = new ArrayList<>();
  /** Every acknowledged key with the modifiedIndex it was acknowledged with. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();

  @AfterEach
  void closeMembers() {
    members.forEach(ProcessMember::close);
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillNineOfTheLeader() throws Exception {
    startCluster();
    ProcessMember leader = awaitLeader(members);
    List<ProcessMember> survivors = members.stream().filter(m -> m != leader).toList();

    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    AtomicInteger acksAfterKill = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      ProcessMember target = members.get(w % members.size());
      String prefix = "/load/w" + w + "-";
      Thread t =
          new Thread(() -> write(target, prefix, stop, killed, acks, acksAfterKill), "writer-" + w);
      t.start();
      writers.add(t);
    }
    try {
      awaitCount(acks, ACKS_BEFORE_KILL, "acknowledged writes before the kill");
      leader.kill();
      killed.set(true);
      awaitCount(acksAfterKill, ACKS_AFTER_KILL, "acknowledged writes after the kill");
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join(60_000);
      }
    }

    for (ProcessMember m : survivors) {
      awaitEveryAcknowledgedWrite(m);
    }
    leader.start();
    leader.awaitServing(http, DEADLINE);
    awaitEveryAcknowledgedWrite(leader);
    assertThat(awaitLeader(members)).isNotNull();
  }

  /**
   * One writer: distinct keys through {@code target} until told to stop or its member is gone (a
   * write that got no answer was never acknowledged); refused writes (a 300 during the election)
   * are simply not counted.
   */
  private void write(
      ProcessMember target,
      String prefix,
      AtomicBoolean stop,
      AtomicBoolean killed,
      AtomicInteger acks,
      AtomicInteger acksAfterKill) {
    for (int seq = 0; seq < 1_000_000 && !stop.get(); seq++) {
      String key = prefix + seq;
      try {
        HttpResponse<String> r = put(target, key);
        if (r.statusCode() == 201) {
          acked.put(key, JSON.readTree(r.body()).path("node").path("modifiedIndex").asLong());
          acks.incrementAndGet();
          if (killed.get()) {
            acksAfterKill.incrementAndGet();
          }
        }
      } catch (java.io.IOException e) {
        if (killed.get()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private HttpResponse<String> put(ProcessMember m, String key)
      throws java.io.IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + "/v2/keys" + key))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString("value=" + key))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(ProcessMember m, String path) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return resp.statusCode() == 200 ? JSON.readTree(resp.body()) : null;
  }

  /** Polls {@code m} until it serves every acknowledged key at its acknowledged index. */
  private void awaitEveryAcknowledgedWrite(ProcessMember m) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    String missing = "";
    while (System.nanoTime() < end) {
      Map<String, Long> found = new HashMap<>();
      JsonNode load = null;
      try {
        load = get(m, "/v2/keys/load?recursive=true");
      } catch (java.io.IOException e) {
        // a pooled connection to the killed process, or not serving yet: try again
      }
      if (load != null) {
        for (JsonNode n : load.path("node").path("nodes")) {
          found.put(n.path("key").asText(), n.path("modifiedIndex").asLong());
        }
      }
      missing = "";
      for (Map.Entry<String, Long> e : acked.entrySet()) {
        if (!e.getValue().equals(found.get(e.getKey()))) {
          missing = e.getKey() + " acknowledged at " + e.getValue() + ", found "
              + found.get(e.getKey());
          break;
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(m.clientUrl() + " lacks " + missing + "; see " + m.log());
  }

  /** The single member whose {@code /v2/stats/self} says StateLeader (OTH-040), polled. */
  private ProcessMember awaitLeader(List<ProcessMember> candidates) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      List<ProcessMember> leaders = new ArrayList<>();
      for (ProcessMember m : candidates) {
        try {
          JsonNode self = get(m, "/v2/stats/self");
          if (self != null && self.path("state").asText().equals("StateLeader")) {
            leaders.add(m);
          }
        } catch (java.io.IOException e) {
          // not serving (yet)
        }
      }
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no single leader within " + DEADLINE);
  }

  private static void awaitCount(AtomicInteger n, int target, String what) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (n.get() < target) {
      if (System.nanoTime() > end) {
        throw new AssertionError("only " + n.get() + " " + what + " within " + DEADLINE);
      }
      Thread.sleep(10);
    }
  }

  private void startCluster() throws Exception {
    int[] ports = ClusterTestSupport.freePorts(2 * NAMES.length);
    List<String> cluster = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      cluster.add(NAMES[i] + "=http://127.0.0.1:" + ports[2 * i + 1]);
    }
    for (int i = 0; i < NAMES.length; i++) {
      String client = "http://127.0.0.1:" + ports[2 * i];
      String peer = "http://127.0.0.1:" + ports[2 * i + 1];
      List<String> flags =
          List.of(
              "--name", NAMES[i],
              "--data-dir", tmp.resolve(NAMES[i] + ".etcd").toString(),
              "--listen-client-urls", client,
              "--advertise-client-urls", client,
              "--listen-peer-urls", peer,
              "--initial-advertise-peer-urls", peer,
              "--initial-cluster", String.join(",", cluster),
              "--initial-cluster-state", "new",
              "--initial-cluster-token", "kill-cluster",
              "--snapshot-count", "100",
              "--heartbeat-interval", "100",
              "--election-timeout", "1000");
      members.add(new ProcessMember(client, tmp.resolve(NAMES[i] + ".log"), flags));
    }
    for (ProcessMember m : members) {
      m.start();
    }
    for (ProcessMember m : members) {
      m.awaitServing(http, DEADLINE);
    }
  }
}
