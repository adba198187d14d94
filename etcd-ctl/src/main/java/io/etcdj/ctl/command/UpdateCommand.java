package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;

/**
 * {@code update <key> <value> [--ttl]} (CTL-046): the key must exist; without {@code --ttl} it
 * becomes permanent.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UpdateCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("update", "update an existing key with a given value", UpdateCommand.class)
          .synopsis("<key> <value>")
          .flags(TTL);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    String value = requireValue(s);
    SetOptions o = new SetOptions("", 0, true, flags.integer(TTL), false);
    s.printer().print(orExit(s, () -> keys.set(key, value, o, s.deadline())));
  }
}
