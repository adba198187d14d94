package io.etcdj.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One etcd member named {@code r} on loopback for the tests: our own server ({@link EmbeddedEtcd})
 * by default, or the reference {@code etcd --enable-v2} binary when the system property {@code
 * etcdctl.test.member=reference} is set (to check the tests themselves against etcd).
 *
 * <p>Not thread-safe: owned by one test.
 */
final class TestMember implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Path dataDir;
  private final Path etcdDir;
  private final List<String> extraFlags;
  private final int clientPort;
  private final int peerPort;
  private EmbeddedEtcd embedded;
  private Process reference;

  private TestMember(
      Path dataDir, Path etcdDir, List<String> extraFlags, int clientPort, int peerPort) {
    this.dataDir = dataDir;
    this.etcdDir = etcdDir;
    this.extraFlags = List.copyOf(extraFlags);
    this.clientPort = clientPort;
    this.peerPort = peerPort;
  }

  /** Starts a fresh member with its data in {@code dataDir}/r.etcd, on free ports. */
  static TestMember start(Path dataDir) throws IOException, InterruptedException {
    return startOn(dataDir, dataDir.resolve("r.etcd"));
  }

  /**
   * Starts a member on the existing data directory {@code etcdDir} (its {@code --data-dir}) with
   * extra etcd flags, on free ports; {@code workDir} holds its log.
   */
  static TestMember startOn(Path workDir, Path etcdDir, String... extraFlags)
      throws IOException, InterruptedException {
    TestMember m = new TestMember(workDir, etcdDir, List.of(extraFlags), freePort(), freePort());
    m.startProcess();
    return m;
  }

  /** The member's {@code --data-dir}. */
  Path etcdDir() {
    return etcdDir;
  }

  static boolean usesReference() {
    return "reference".equals(System.getProperty("etcdctl.test.member"));
  }

  String clientUrl() {
    return "http://127.0.0.1:" + clientPort;
  }

  String peerUrl() {
    return "http://127.0.0.1:" + peerPort;
  }

  /** The member ID as {@code /v2/members} reports it. */
  String memberId() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(clientUrl() + "/v2/members")).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode members = new ObjectMapper().readTree(r.body()).get("members");
    return members.get(0).get("id").asText();
  }

  /** Stops the member and starts it again on the same ports and data (for reconnect tests). */
  void restart() throws IOException, InterruptedException {
    stop();
    startProcess();
  }

  private List<String> flags() {
    List<String> flags = new java.util.ArrayList<>(extraFlags);
    flags.addAll(baseFlags());
    return flags;
  }

  private List<String> baseFlags() {
    return List.of(
        "--name", "r",
        "--data-dir", etcdDir.toString(),
        "--listen-client-urls", clientUrl(),
        "--advertise-client-urls", clientUrl(),
        "--listen-peer-urls", peerUrl(),
        "--initial-advertise-peer-urls", peerUrl(),
        "--initial-cluster", "r=" + peerUrl());
  }

  private void startProcess() throws IOException, InterruptedException {
    if (usesReference()) {
      // etcd 2.3's --strict-reconfig-check default (3.4 turned it on), as the goldens were recorded.
      List<String> cmd =
          new java.util.ArrayList<>(
              List.of("etcd", "--enable-v2", "--strict-reconfig-check=false"));
      cmd.addAll(flags());
      reference =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
              .start();
    } else {
      embedded = startEmbedded(flags().toArray(new String[0]));
    }
    awaitHealthy();
  }

  /**
   * Starts our member on a helper thread so that a start that never completes (for instance a
   * member waiting for a leader that cannot exist) fails the test instead of hanging it.
   */
  private static EmbeddedEtcd startEmbedded(String[] flags) throws InterruptedException {
    java.util.concurrent.CompletableFuture<EmbeddedEtcd> f =
        new java.util.concurrent.CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(EmbeddedEtcd.start(flags));
              } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
              }
            },
            "test-member-start");
    t.setDaemon(true);
    t.start();
    try {
      return f.get(START_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("member failed to start: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "EmbeddedEtcd.start did not return within " + START_LIMIT + " for " + List.of(flags));
    }
  }

  private void awaitHealthy() throws InterruptedException {
    awaitHealthy(HTTP, clientUrl(), START_LIMIT);
  }

  /** Polls {@code url/health} through {@code http} until it answers healthy, within {@code limit}. */
  static void awaitHealthy(HttpClient http, String url, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("true")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(url + " did not become healthy within " + limit);
  }

  private void stop() throws InterruptedException {
    if (embedded != null) {
      embedded.close();
      embedded = null;
    }
    if (reference != null) {
      reference.destroy();
      reference.waitFor();
      reference = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
