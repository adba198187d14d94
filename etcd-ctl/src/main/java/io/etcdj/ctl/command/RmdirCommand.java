package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.DeleteOptions;

/**
 * {@code rmdir <key>} (CTL-049): DELETE with {@code dir=true} (an empty directory or a file).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RmdirCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command(
              "rmdir",
              "removes the key if it is an empty directory or a key-value pair",
              RmdirCommand.class)
          .synopsis("<key>");

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    DeleteOptions o = new DeleteOptions("", 0, true, false);
    RmCommand.print(s, orExit(s, () -> keys.delete(key, o, s.deadline())));
  }
}
