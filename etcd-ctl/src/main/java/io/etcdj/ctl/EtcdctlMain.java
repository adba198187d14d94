package io.etcdj.ctl;

import io.etcdj.ctl.command.CommandRunner;
import io.etcdj.ctl.command.Terminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code etcdctl} process: runs one command line against the real standard streams and
 * environment and exits with its code. Ctrl-C (SIGINT) exits 0 at once, as etcdctl's watch,
 * exec-watch and cluster-health do (CTL-050, CTL-051).
 *
 * <p>Tests call {@link #run(String[], Terminal)} instead, which never exits the JVM.
 */
public final class EtcdctlMain {
  private EtcdctlMain() {}

  public static void main(String[] args) {
    // The WAL module logs through SLF4J; etcdctl ships no binding, and slf4j must not print its
    // "no providers" notice on stderr, which is part of etcdctl's observable output.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    exitZeroOnInterrupt();
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.setOut(out);
    System.setErr(err);
    Terminal terminal = new Terminal(System.in, out, err, System.getenv(), new SttyEcho());
    int code = run(args, terminal);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs etcdctl in-process and returns its exit code. */
  public static int run(String[] args, Terminal terminal) {
    return CommandRunner.run(args, terminal);
  }

  /**
   * Go's etcdctl exits 0 on SIGINT; the JVM would exit 130. The signal API lives in
   * jdk.unsupported; when it is missing the JVM default remains.
   */
  private static void exitZeroOnInterrupt() {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("INT"),
          sig -> {
            System.out.flush();
            Runtime.getRuntime().halt(0);
          });
    } catch (IllegalArgumentException | LinkageError e) {
      // no SIGINT handling on this platform: keep the default behaviour
    }
  }
}
