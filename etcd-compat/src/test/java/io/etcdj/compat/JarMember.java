package io.etcdj.compat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single member started from etcd-server's runnable jar ({@code etcdj.server.jar}, set by this
 * module's pom) in a JVM of its own, on free loopback ports, as a user would run it: the client
 * library under test keeps its own class path.
 *
 * <p>Thread-safety: not thread-safe; owned by the test class.
 */
final class JarMember implements AutoCloseable {
  private final Process process;
  private final String clientUrl;
  private final Path log;

  private JarMember(Process process, String clientUrl, Path log) {
    this.process = process;
    this.clientUrl = clientUrl;
    this.log = log;
  }

  /** Starts member {@code name} with its data dir under {@code dir}; waits until it has a leader. */
  static JarMember start(String name, Path dir, Duration deadline) throws Exception {
    Path jar = Path.of(System.getProperty("etcdj.server.jar", "../etcd-server/target/etcd-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build etcd-server first (mvn package)");
    }
    int client = freePort();
    int peer = freePort();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-jar", jar.toString(),
                    "--name", name,
                    "--data-dir", dir.resolve(name + ".etcd").toString(),
                    "--listen-client-urls", clientUrl,
                    "--advertise-client-urls", clientUrl,
                    "--listen-peer-urls", peerUrl,
                    "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", name + "=" + peerUrl))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    JarMember member = new JarMember(process, clientUrl, log);
    try {
      member.awaitLeader(deadline);
    } catch (Exception | AssertionError e) {
      member.close();
      throw e;
    }
    return member;
  }

  String clientUrl() {
    return clientUrl;
  }

  /** Polls {@code /v2/stats/self} until the member reports itself leader. */
  private void awaitLeader(Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException("member exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(clientUrl + "/v2/stats/self").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        if (c.getResponseCode() == 200
            && new String(c.getInputStream().readAllBytes()).contains("StateLeader")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no leader within " + deadline + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
