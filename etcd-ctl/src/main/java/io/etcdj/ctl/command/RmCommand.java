package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.DeleteOptions;

/**
 * {@code rm <key> [--dir] [--recursive] [--with-value] [--with-index]} (CTL-048): prints the old
 * value of a removed file; removing a directory is silent in simple mode.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RmCommand extends CtlCommand {
  private static final Flag DIR =
      Flag.bool("dir", "removes the key if it is an empty directory or a key-value pair");
  private static final Flag RECURSIVE =
      Flag.bool("recursive, r", "removes the key and all child keys(if it is a directory)");
  private static final Flag WITH_VALUE = Flag.string("with-value", "", "previous value");
  private static final Flag WITH_INDEX = Flag.integer("with-index", "0", "previous index");

  static final CommandDef DEF =
      CommandDef.command("rm", "remove a key or a directory", RmCommand.class)
          .synopsis("<key>")
          .flags(DIR, RECURSIVE, WITH_VALUE, WITH_INDEX);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    DeleteOptions o =
        new DeleteOptions(
            flags.string(WITH_VALUE),
            flags.integer(WITH_INDEX),
            flags.bool(DIR),
            flags.bool(RECURSIVE));
    print(s, orExit(s, () -> keys.delete(key, o, s.deadline())));
  }

  /** Directories are not printed in simple mode (shared with {@code rmdir}, CTL-049). */
  static void print(Session s, KeyResponse resp) {
    if (!resp.node().dir() || !s.printer().isSimple()) {
      s.printer().print(resp);
    }
  }
}
