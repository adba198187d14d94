package io.etcdj.ctl.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mkdir <key> [--ttl]}: CTL-044: create a directory, failing if the key exists.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "mkdir", description = "make a new directory", customSynopsis = "<key>")
final class MkdirCommand extends CtlCommand {
  @Option(
      names = {"--ttl", "-ttl"},
      defaultValue = "0",
      description = "key time-to-live in seconds")
  long ttl;

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, ttl, false);
  }
}
