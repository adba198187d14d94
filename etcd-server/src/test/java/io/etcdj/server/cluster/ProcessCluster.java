package io.etcdj.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Three members {@code a, b, c}, each in its own JVM ({@link ProcessMember}), for tests that kill
 * members with SIGKILL and start them again on their data dirs; and the HTTP calls those tests
 * make against them. Every wait polls until a deadline.
 *
 * <p>Thread-safety: the HTTP helpers may be called from any thread; starting and closing belong to
 * the test thread.
 */
final class ProcessCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NAMES = {"a", "b", "c"};

  private final Duration deadline;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Live: {@link #replace} swaps a member in place. */
  private final List<ProcessMember> members = new CopyOnWriteArrayList<>();

  private ProcessCluster(Duration deadline) {
    this.deadline = deadline;
  }

  /**
   * Starts three members on free loopback ports with data dirs and logs under {@code dir} and
   * waits until each serves; {@code extraFlags} go to every member.
   */
  static ProcessCluster start(Path dir, String token, Duration deadline, String... extraFlags)
      throws Exception {
    ProcessCluster cluster = new ProcessCluster(deadline);
    int[] ports = ClusterTestSupport.freePorts(2 * NAMES.length);
    List<String> initial = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      initial.add(NAMES[i] + "=http://127.0.0.1:" + ports[2 * i + 1]);
    }
    for (int i = 0; i < NAMES.length; i++) {
      String client = "http://127.0.0.1:" + ports[2 * i];
      String peer = "http://127.0.0.1:" + ports[2 * i + 1];
      List<String> flags =
          new ArrayList<>(
              List.of(
                  "--name", NAMES[i],
                  "--data-dir", dir.resolve(NAMES[i] + ".etcd").toString(),
                  "--listen-client-urls", client,
                  "--advertise-client-urls", client,
                  "--listen-peer-urls", peer,
                  "--initial-advertise-peer-urls", peer,
                  "--initial-cluster", String.join(",", initial),
                  "--initial-cluster-state", "new",
                  "--initial-cluster-token", token));
      flags.addAll(List.of(extraFlags));
      cluster.members.add(new ProcessMember(client, dir.resolve(NAMES[i] + ".log"), flags));
    }
    try {
      for (ProcessMember m : cluster.members) {
        m.start();
      }
      for (ProcessMember m : cluster.members) {
        m.awaitServing(cluster.http, deadline);
      }
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The members, a live view: a member replaced by {@link #replace} is replaced here too. */
  List<ProcessMember> members() {
    return members;
  }

  /** Puts {@code next} where {@code old} was. */
  void replace(ProcessMember old, ProcessMember next) {
    members.set(members.indexOf(old), next);
  }

  /** Starts {@code m} again on its data dir and waits until it serves. */
  void restart(ProcessMember m) throws Exception {
    restart(List.of(m));
  }

  /**
   * Starts every member of {@code ms} again, then waits until each serves: started one by one, the
   * first of two members to come back would wait alone for a quorum.
   */
  void restart(Collection<ProcessMember> ms) throws Exception {
    for (ProcessMember m : ms) {
      m.start();
    }
    for (ProcessMember m : ms) {
      m.awaitServing(http, deadline);
    }
  }

  /** {@code PUT /v2/keys<key>} with the form {@code form}; 20 s timeout. */
  HttpResponse<String> put(ProcessMember m, String key, String form)
      throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + "/v2/keys" + key))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code method path} with a JSON body ({@code json} null: none); 20 s timeout. */
  HttpResponse<String> send(ProcessMember m, String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path)).timeout(Duration.ofSeconds(20));
    if (json == null) {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      r.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET path} as JSON, or null unless it answers 200; 20 s timeout. */
  JsonNode get(ProcessMember m, String path) throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(m.clientUrl() + path))
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return resp.statusCode() == 200 ? JSON.readTree(resp.body()) : null;
  }

  /** {@link #get}, with an unreachable member read as null. */
  JsonNode tryGet(ProcessMember m, String path) throws InterruptedException {
    try {
      return get(m, path);
    } catch (IOException e) {
      return null; // killed, restarting, or a pooled connection to a dead process
    }
  }

  /** The single member of {@code candidates} whose {@code /v2/stats/self} says StateLeader. */
  ProcessMember awaitLeader(Collection<ProcessMember> candidates) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      List<ProcessMember> leaders = new ArrayList<>();
      for (ProcessMember m : candidates) {
        JsonNode self = tryGet(m, "/v2/stats/self");
        if (self != null && self.path("state").asText().equals("StateLeader")) {
          leaders.add(m);
        }
      }
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no single leader within " + deadline);
  }

  /**
   * Polls {@code m} until every key of {@code acked} under the directory {@code dir} is there at
   * the modifiedIndex it was acknowledged with.
   */
  void awaitAcknowledged(ProcessMember m, String dir, Map<String, Long> acked) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    String missing = "";
    while (System.nanoTime() < end) {
      Map<String, Long> found = new HashMap<>();
      JsonNode tree = tryGet(m, "/v2/keys" + dir + "?recursive=true");
      if (tree != null) {
        for (JsonNode n : tree.path("node").path("nodes")) {
          found.put(n.path("key").asText(), n.path("modifiedIndex").asLong());
        }
      }
      missing = "";
      for (Map.Entry<String, Long> e : acked.entrySet()) {
        if (!e.getValue().equals(found.get(e.getKey()))) {
          missing =
              e.getKey() + " acknowledged at " + e.getValue() + ", found " + found.get(e.getKey());
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

  @Override
  public void close() {
    members.forEach(ProcessMember::close);
  }
}
