package io.etcdj.ctl.command;

/**
 * {@code setdir <key> [--ttl]}: CTL-045: create a directory; an existing directory fails with 102
 * (Not a file).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class SetdirCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command(
              "setdir",
              "create a new directory or update an existing directory TTL",
              SetdirCommand.class)
          .synopsis("<key>")
          .flags(TTL);

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, flags.integer(TTL), null);
  }
}
