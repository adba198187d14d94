package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;

/**
 * {@code ls [--sort] [--recursive] [-p] [--quorum] [key]} (CTL-041).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class LsCommand extends CtlCommand {
  private static final Flag RECURSIVE =
      Flag.bool("recursive, r", "returns all key names recursively for the given path");
  private static final Flag SLASH = Flag.bool("p", "append slash (/) to directories");

  static final CommandDef DEF =
      CommandDef.command("ls", "retrieve a directory", LsCommand.class)
          .synopsis("[key]")
          .flags(SORT, RECURSIVE, SLASH, QUORUM);

  @Override
  void run(Session s) throws InterruptedException {
    String key = args.isEmpty() ? "/" : args.get(0);
    KeysApi keys = keys(s);
    KeyResponse resp =
        orExit(
            s,
            () ->
                keys.get(
                    key,
                    flags.bool(RECURSIVE),
                    flags.bool(SORT),
                    flags.bool(QUORUM),
                    s.deadline()));
    s.printer().printLs(resp, flags.bool(SLASH));
  }
}
