package io.etcdj.ctl;

import io.etcdj.ctl.command.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs our etcdctl in-process with captured standard streams and returns what it printed and its
 * exit code, without exiting the JVM.
 *
 * <p>Stateless; thread-safe.
 */
final class CtlRun {
  private CtlRun() {}

  /** What one etcdctl run printed and returned. */
  record Result(int exit, String out, String err) {}

  static Result run(Map<String, String> env, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Terminal t =
          new Terminal(
              new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
              o,
              e,
              env,
              new NotATerminal(e));
      int code = EtcdctlMain.run(args, t);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  static Result run(String... args) {
    return run(Map.of(), "", args);
  }

  /** What etcdctl prints when its one endpoint failed with {@code failure} (ERR-006). */
  static String unavailable(String failure) {
    return "Error:  client: etcd cluster is unavailable or misconfigured; error #0: "
        + failure
        + "\n\nerror #0: "
        + failure
        + "\n\n";
  }
}
