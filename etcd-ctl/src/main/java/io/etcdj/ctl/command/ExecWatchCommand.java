package io.etcdj.ctl.command;

import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code exec-watch [--after-index N] [--recursive] <key> [--] <command> [args...]} (CTL-051): for
 * each change of a file runs the command asynchronously with {@code ETCD_WATCH_ACTION}, {@code
 * ETCD_WATCH_MODIFIED_INDEX}, {@code ETCD_WATCH_KEY} and {@code ETCD_WATCH_VALUE} added to the
 * environment. Runs until Ctrl-C and reconnects after a member restart. The key is always the first
 * argument (the documented form).
 *
 * <p>Not thread-safe: one instance per run; the output pumps of children are daemon threads.
 */
final class ExecWatchCommand extends CtlCommand {
  private static final Flag RECURSIVE =
      Flag.bool("recursive, r", "watch all values for key and child keys");

  static final CommandDef DEF =
      CommandDef.command(
              "exec-watch",
              "watch a key for changes and exec an executable",
              ExecWatchCommand.class)
          .synopsis("<key> <command> [args...]")
          .flags(AFTER_INDEX, RECURSIVE);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    if (args.size() < 2) {
      throw s.errors()
          .handle(
              ExitCodes.BAD_ARGS, new IllegalArgumentException("key and command to exec required"));
    }
    // The words as the CLI library leaves them (CommandRunner#reorder): "<key> -- <command...>",
    // or, when a "--" came first and was dropped, "<command...> <key>", as etcdctl reads them.
    boolean keyFirst = args.subList(1, args.size()).contains("--");
    String key = keyFirst ? args.get(0) : args.get(args.size() - 1);
    List<String> command =
        keyFirst ? args.subList(2, args.size()) : args.subList(0, args.size() - 1);
    KeyWatcher w =
        new KeyWatcher(keys, key, flags.integer(AFTER_INDEX), flags.bool(RECURSIVE), true);
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
