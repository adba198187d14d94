package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;

/**
 * {@code watch [--forever] [--after-index N] [--recursive] <key>} (CTL-050): prints each change of
 * a file (directory events are skipped); stops after the first unless {@code --forever}, which also
 * reconnects after a member restart. Ctrl-C exits 0 (handled by the process main).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class WatchCommand extends CtlCommand {
  private static final Flag FOREVER = Flag.bool("forever, f", "forever watch a key until CTRL+C");
  private static final Flag RECURSIVE =
      Flag.bool("recursive, r", "returns all values for key and child keys");

  static final CommandDef DEF =
      CommandDef.command("watch", "watch a key for changes", WatchCommand.class)
          .synopsis("<key>")
          .flags(FOREVER, AFTER_INDEX, RECURSIVE);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    KeyWatcher w =
        new KeyWatcher(
            keys, key, flags.integer(AFTER_INDEX), flags.bool(RECURSIVE), flags.bool(FOREVER));
    ResponsePrinter printer = s.printer();
    while (true) {
      KeyResponse resp = orExit(s, w::next);
      if (resp.node().dir()) {
        continue;
      }
      if (flags.bool(RECURSIVE)) {
        printer.printEventHeader(resp);
      }
      printer.print(resp);
      s.out().flush();
      if (!flags.bool(FOREVER)) {
        return;
      }
    }
  }
}
