package io.etcdj.server.durability;

import io.etcdj.server.EtcdMainJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A member in its own JVM ({@link EtcdMainJvm}), so that a test can kill it with SIGKILL by PID
 * and start it again on the same data dir.
 *
 * <p>Thread-safety: not thread-safe; owned by the test thread.
 */
final class MemberProcess implements AutoCloseable {
  private final Process process;
  private final String clientUrl;
  private final String peerUrl;

  private MemberProcess(Process process, String clientUrl, String peerUrl) {
    this.process = process;
    this.clientUrl = clientUrl;
    this.peerUrl = peerUrl;
  }

  /** Starts a member and waits (up to 60 s) until it answers a GET. */
  static MemberProcess start(Path dataDir, Path log, String... extraFlags) throws Exception {
    int client = freePort();
    int peer = freePort();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    List<String> flags =
        new ArrayList<>(
            List.of(
                "--name", "crash",
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "crash=" + peerUrl));
    flags.addAll(List.of(extraFlags));
    Process p = EtcdMainJvm.start(flags, log);
    MemberProcess m = new MemberProcess(p, clientUrl, peerUrl);
    V2Client c = m.client();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("member exited with " + p.exitValue() + "; see " + log);
      }
      try {
        if (c.get("/").status() == 200) {
          return m;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    m.close();
    throw new IllegalStateException("member did not serve within 60 s; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  V2Client client() {
    return new V2Client(clientUrl);
  }

  /** {@code http://127.0.0.1:<port>}, listened on and advertised. */
  String clientUrl() {
    return clientUrl;
  }

  /** {@code http://127.0.0.1:<port>}, listened on and advertised. */
  String peerUrl() {
    return peerUrl;
  }

  long pid() {
    return process.pid();
  }

  /** Waits up to {@code seconds} for the process to end by itself; its exit code, or -1. */
  int awaitExit(int seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** kill -9 by PID: no shutdown hook, no final fsync. */
  void kill() throws Exception {
    EtcdMainJvm.kill9(process);
  }

  /** kill -TERM by PID; returns the exit code. */
  int terminate() throws Exception {
    new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
