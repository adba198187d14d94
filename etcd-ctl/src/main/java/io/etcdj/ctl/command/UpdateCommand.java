package io.etcdj.ctl.command;

import io.etcdj.ctl.client.KeysApi;
import io.etcdj.ctl.client.KeysApi.SetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code update <key> <value> [--ttl]} (CTL-046): the key must exist; without {@code --ttl} it
 * becomes permanent.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "update",
    description = "update an existing key with a given value",
    customSynopsis = "<key> <value>")
final class UpdateCommand extends CtlCommand {
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
    SetOptions o = new SetOptions("", 0, true, ttl, false);
    s.printer().print(orExit(s, () -> keys.set(key, value, o, s.deadline())));
  }
}
