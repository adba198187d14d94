package io.etcdj.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Our etcdctl as a separate JVM process (its main class on the test class path), with stdout and
 * stderr in files, so tests can send it SIGINT like a user pressing Ctrl-C.
 *
 * <p>Not thread-safe: owned by one test.
 */
final class CtlProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private CtlProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static CtlProcess start(Path dir, String... args) throws IOException {
    return start(dir, ProcessBuilder.Redirect.PIPE, args);
  }

  /** Like {@link #start(Path, String...)}, with standard input read from the file {@code stdin}. */
  static CtlProcess startWithStdin(Path dir, Path stdin, String... args) throws IOException {
    return start(dir, ProcessBuilder.Redirect.from(stdin.toFile()), args);
  }

  private static CtlProcess start(Path dir, ProcessBuilder.Redirect stdin, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(EtcdctlMain.class.getName());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "ctl", ".out");
    Path err = Files.createTempFile(dir, "ctl", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(stdin)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("ETCDCTL_"));
    return new CtlProcess(pb.start(), out, err);
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Polls {@code file} until {@code done} holds or the deadline passes; returns its last text. */
  static String await(Path file, Predicate<String> done, Duration limit)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    while (!done.test(text) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
    return text;
  }

  String awaitOut(Predicate<String> done, Duration limit) throws IOException, InterruptedException {
    return await(out, done, limit);
  }

  String awaitErr(Predicate<String> done, Duration limit) throws IOException, InterruptedException {
    return await(err, done, limit);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGINT (Ctrl-C) to the process by its PID. */
  void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    kill.waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the exit code, or null when the process is still running after {@code limit}. */
  Integer awaitExit(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
