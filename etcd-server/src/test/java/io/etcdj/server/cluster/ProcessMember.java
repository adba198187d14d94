package io.etcdj.server.cluster;

import io.etcdj.server.EtcdMainJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster member in its own JVM ({@link EtcdMainJvm}), so that a test can kill it with SIGKILL
 * by PID, mid-write, and start it again on the same data dir and ports. The output goes to a log
 * file next to the data dir.
 *
 * <p>Thread-safety: not thread-safe; owned by the test thread.
 */
final class ProcessMember implements AutoCloseable {
  private final List<String> flags;
  private final Path log;
  private final String clientUrl;
  private Process process;

  /** {@code flags} are etcd's flags for this member; nothing runs until {@link #start}. */
  ProcessMember(String clientUrl, Path log, List<String> flags) {
    this.clientUrl = clientUrl;
    this.log = log;
    this.flags = List.copyOf(flags);
  }

  /** Launches the JVM (output appended to the log); does not wait for it to serve. */
  void start() throws Exception {
    process = EtcdMainJvm.start(flags, log);
  }

  /** Polls {@code GET /version} until it answers, the process dies or the deadline passes. */
  void awaitServing(HttpClient http, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    HttpRequest version =
        HttpRequest.newBuilder(URI.create(clientUrl + "/version"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "member exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(version, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError(clientUrl + " did not serve within " + deadline + "; see " + log);
  }

  String clientUrl() {
    return clientUrl;
  }

  /** The value of flag {@code name} ({@code --name}, {@code --listen-peer-urls}, ...). */
  String flag(String name) {
    return flags.get(flags.indexOf(name) + 1);
  }

  /**
   * This member as a new one in a running cluster, as after {@code POST /v2/members} (CLU-016): the
   * same name, URLs and log, an empty data dir {@code dataDir}, {@code --initial-cluster-state
   * existing}. Not started.
   */
  ProcessMember rejoining(Path dataDir) {
    List<String> next = new java.util.ArrayList<>(flags);
    next.set(next.indexOf("--data-dir") + 1, dataDir.toString());
    next.set(next.indexOf("--initial-cluster-state") + 1, "existing");
    return new ProcessMember(clientUrl, log, next);
  }

  Path log() {
    return log;
  }

  /** kill -9 by PID: no shutdown hook runs, nothing is flushed. */
  void kill() throws Exception {
    EtcdMainJvm.kill9(process);
  }

  /**
   * SIGSTOP or SIGCONT: a stopped member keeps its sockets and state but answers nothing, as in a
   * long GC pause or a frozen VM.
   */
  void pause(boolean stopped) throws Exception {
    EtcdMainJvm.signal(process, stopped ? "STOP" : "CONT");
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
