package io.etcdj.ctl.command;

import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.client.KeyResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exec-watch [--after-index N] [--recursive] <key> [--] <command> [args...]} (CTL-051): for
 * each change of a file runs the command asynchronously with {@code ETCD_WATCH_ACTION}, {@code
 * ETCD_WATCH_MODIFIED_INDEX}, {@code ETCD_WATCH_KEY} and {@code ETCD_WATCH_VALUE} added to the
 * environment. Runs until Ctrl-C and reconnects after a member restart. The key is always the first
 * argument (the documented form).
 *
 * <p>Not thread-safe: one instance per run; the output pumps of children are daemon threads.
 */
@Command(
    name = "exec-watch",
    description = "watch a key for changes and exec an executable",
    customSynopsis = "<key> <command> [args...]")
final class ExecWatchCommand extends CtlCommand {
  @Option(
      names = {"--after-index", "-after-index"},
      defaultValue = "0",
      description = "watch after the given index")
  long afterIndex;

  @Option(
      names = {"--recursive", "-recursive", "-r", "--r"},
      description = "watch all values for key and child keys")
  boolean recursive;

  @Override
  void run(Session s) throws InterruptedException {
    if (args.size() < 2) {
      throw s.errors()
          .handle(
              ExitCodes.BAD_ARGS, new IllegalArgumentException("key and command to exec required"));
    }
    String key = args.get(0);
    List<String> command = args.subList(1, args.size());
    KeyWatcher w = new KeyWatcher(keys(s), key, afterIndex, recursive, true);
    while (true) {
      KeyResponse resp = orExit(s, w::next);
      if (resp.node().dir()) {
        s.err().print("Ignored dir " + resp.node().key() + " change\n");
        continue;
      }
      start(s, command, resp);
    }
  }

  private static void start(Session s, List<String> command, KeyResponse resp) {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.putAll(s.terminal().env());
    env.put("ETCD_WATCH_ACTION", resp.action());
    env.put("ETCD_WATCH_MODIFIED_INDEX", Long.toUnsignedString(resp.node().modifiedIndex()));
    env.put("ETCD_WATCH_KEY", resp.node().key());
    env.put("ETCD_WATCH_VALUE", resp.node().value());
    pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
    boolean realStreams = s.out() == System.out && s.err() == System.err;
    if (realStreams) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      s.err()
          .print("exec: " + GoText.quote(command.get(0)) + ": executable file not found in $PATH");
      throw new ExitException(ExitCodes.BAD_ARGS);
    }
    if (!realStreams) {
      pump(p.getInputStream(), s.out());
      pump(p.getErrorStream(), s.err());
    }
  }

  private static void pump(InputStream from, PrintStream to) {
    Thread t =
        new Thread(
            () -> {
              try (from) {
                from.transferTo(to);
                to.flush();
              } catch (IOException e) {
                // the child went away; nothing left to copy
              }
            },
            "exec-watch-output");
    t.setDaemon(true);
    t.start();
  }
}
