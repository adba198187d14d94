package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code updatedir <key> [--ttl]}: CTL-047: change an existing directory's TTL; no --ttl makes it
 * permanent.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "updatedir",
    description = "update an existing directory",
    customSynopsis = "<key> <value>")
final class UpdatedirCommand extends CtlCommand {
  @Option(
      names = {"--ttl", "-ttl"},
      defaultValue = "0",
      description = "key time-to-live in seconds")
  long ttl;

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, ttl, true);
  }
}
