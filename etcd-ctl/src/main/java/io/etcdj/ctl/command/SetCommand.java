package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;

/**
 * {@code set <key> <value> [--ttl] [--swap-with-value] [--swap-with-index]} (CTL-042): a plain PUT,
 * or a compare-and-swap when a swap condition is given.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class SetCommand extends CtlCommand {
  private static final Flag SWAP_WITH_VALUE = Flag.string("swap-with-value", "", "previous value");
  private static final Flag SWAP_WITH_INDEX =
      Flag.integer("swap-with-index", "0", "previous index");

  static final CommandDef DEF =
      CommandDef.command("set", "set the value of a key", SetCommand.class)
          .synopsis("<key> <value>")
          .footer(
              "Set sets the value of a key.",
              "",
              "   When <value> begins with '-', <value> is interpreted as a flag.",
              "   Insert '--' for workaround:",
              "",
              "   $ set -- <key> <value>")
          .flags(TTL, SWAP_WITH_VALUE, SWAP_WITH_INDEX);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    String value = requireValue(s);
    SetOptions o =
        new SetOptions(
            flags.string(SWAP_WITH_VALUE),
            flags.integer(SWAP_WITH_INDEX),
            null,
            flags.integer(TTL),
            false);
    s.printer().print(orExit(s, () -> keys.set(key, value, o, s.deadline())));
  }
}
