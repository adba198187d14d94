package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;

/**
 * {@code get [--sort] [--quorum] <key>} (CTL-040): prints the value; a directory is an error.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class GetCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("get", "retrieve the value of a key", GetCommand.class)
          .synopsis("<key>")
          .flags(SORT, QUORUM);

  @Override
  void run(Session s) throws InterruptedException {
    KeysApi keys = keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = requireKey(s);
    KeyResponse resp =
        orExit(s, () -> keys.get(key, false, flags.bool(SORT), flags.bool(QUORUM), s.deadline()));
    if (resp.node().dir()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, resp.node().key() + ": is a directory");
    }
    s.printer().print(resp);
  }
}
