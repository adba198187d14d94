package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code setdir <key> [--ttl]}: CTL-045: create a directory; an existing directory fails with 102
 * (Not a file).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "setdir",
    description = "create a new directory or update an existing directory TTL",
    customSynopsis = "<key>")
final class SetdirCommand extends CtlCommand {
  @Option(
      names = {"--ttl", "-ttl"},
      defaultValue = "0",
      description = "key time-to-live in seconds")
  long ttl;

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, ttl, null);
  }
}
