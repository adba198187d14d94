package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code set <key> <value> [--ttl] [--swap-with-value] [--swap-with-index]} (CTL-042): a plain PUT,
 * or a compare-and-swap when a swap condition is given.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "set",
    description = "set the value of a key",
    customSynopsis = "<key> <value>",
    footer = {
      "Set sets the value of a key.",
      "",
      "   When <value> begins with '-', <value> is interpreted as a flag.",
      "   Insert '--' for workaround:",
      "",
      "   $ set -- <key> <value>"
    })
final class SetCommand extends CtlCommand {
  @Option(
      names = {"--ttl", "-ttl"},
      defaultValue = "0",
      description = "key time-to-live in seconds")
  long ttl;

  @Option(
      names = {"--swap-with-value", "-swap-with-value"},
      defaultValue = "",
      description = "previous value")
  String swapWithValue;

  @Option(
      names = {"--swap-with-index", "-swap-with-index"},
      defaultValue = "0",
      description = "previous index")
  long swapWithIndex;

  @Override
  void run(Session s) throws InterruptedException {
    String key = requireKey(s);
    String value = requireValue(s);
    KeysApi keys = keys(s);
    SetOptions o = new SetOptions(swapWithValue, swapWithIndex, null, ttl, false);
    s.printer().print(orExit(s, () -> keys.set(key, value, o, s.deadline())));
  }
}
