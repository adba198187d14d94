package io.etcdj.ctl.command;

/**
 * {@code updatedir <key> [--ttl]}: CTL-047: change an existing directory's TTL; no --ttl makes it
 * permanent.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UpdatedirCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("updatedir", "update an existing directory", UpdatedirCommand.class)
          .synopsis("<key> <value>")
          .flags(TTL);

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, flags.integer(TTL), true);
  }
}
