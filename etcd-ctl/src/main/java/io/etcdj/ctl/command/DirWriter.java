package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;

/**
 * The directory PUT shared by {@code mkdir}, {@code setdir} and {@code updatedir} (CTL-044,
 * CTL-045, CTL-047): silent in simple mode, printed otherwise.
 *
 * <p>Stateless; thread-safe.
 */
final class DirWriter {
  private DirWriter() {}

  /**
   * @param prevExist {@code false} create only, {@code true} update only, null either
   */
  static void write(CtlCommand cmd, Session s, long ttl, Boolean prevExist)
      throws InterruptedException {
    KeysApi keys = cmd.keys(s); // etcdctl connects (and prompts) before it checks the arguments
    String key = cmd.requireKey(s);
    KeyResponse resp =
        CtlCommand.orExit(
            s, () -> keys.set(key, "", new SetOptions("", 0, prevExist, ttl, true), s.deadline()));
    if (!s.printer().isSimple()) {
      s.printer().print(resp);
    }
  }
}
