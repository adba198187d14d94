package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mk <key> <value> [--ttl] [--in-order]} (CTL-043): create only, never overwrite; with
 * {@code --in-order} a new sequential key under directory {@code <key>}.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "mk",
    description = "make a new key with a given value",
    customSynopsis = "<key> <value>")
final class MkCommand extends CtlCommand {
  @Option(
      names = {"--in-order", "-in-order"},
      description = "create in-order key under directory <key>")
  boolean inOrder;

  @Option(
      names = {"--ttl", "-ttl"},
      defaultValue = "0",
      description = "key time-to-live in seconds")
  long ttl;

  @Override
  void run(Session s) throws InterruptedException {
    String key = requireKey(s);
    String value = requireValue(s);
    KeysApi keys = keys(s);
    KeyResponse resp =
        orExit(
            s,
            () ->
                inOrder
                    ? keys.createInOrder(key, value, ttl, s.deadline())
                    : keys.set(key, value, new SetOptions("", 0, false, ttl, false), s.deadline()));
    s.printer().print(resp);
  }
}
