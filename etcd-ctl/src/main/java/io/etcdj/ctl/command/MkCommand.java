package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;

/**
 * {@code mk <key> <value> [--ttl] [--in-order]} (CTL-043): create only, never overwrite; with
 * {@code --in-order} a new sequential key under directory {@code <key>}.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MkCommand extends CtlCommand {
  private static final Flag IN_ORDER =
      Flag.bool("in-order", "create in-order key under directory <key>");

  static final CommandDef DEF =
      CommandDef.command("mk", "make a new key with a given value", MkCommand.class)
          .synopsis("<key> <value>")
          .flags(IN_ORDER, TTL);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    String value = requireValue(s);
    KeyResponse resp =
        orExit(
            s,
            () ->
                flags.bool(IN_ORDER)
                    ? keys.createInOrder(key, value, flags.integer(TTL), s.deadline())
                    : keys.set(
                        key,
                        value,
                        new SetOptions("", 0, false, flags.integer(TTL), false),
                        s.deadline()));
    s.printer().print(resp);
  }
}
