package io.etcdj.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EtcdMain} in a JVM of its own, on this test's class path, for tests that must kill a
 * member with SIGKILL (no shutdown hook, no final fsync) and start it again on the same data dir.
 * The JVM is kept small and quick to start (256 MB heap, C1 only) since several run at once.
 *
 * <p>Thread-safety: stateless.
 */
public final class EtcdMainJvm {
  private EtcdMainJvm() {}

  /** Launches {@code etcd <flags>}, output appended to {@code log}; does not wait for it. */
  public static Process start(List<String> flags, Path log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(EtcdMain.class.getName());
    cmd.addAll(flags);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** kill -9 by PID, as a crash would end it, then waits (bounded) for the process to go. */
  public static void kill9(Process process) throws Exception {
    signal(process, "KILL");
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Sends {@code SIG<name>} to the process by PID (STOP and CONT pause and resume it). */
  public static void signal(Process process, String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }
}
