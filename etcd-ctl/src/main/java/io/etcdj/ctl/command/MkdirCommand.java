package io.etcdj.ctl.command;

/**
 * {@code mkdir <key> [--ttl]}: CTL-044: create a directory, failing if the key exists.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class MkdirCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("mkdir", "make a new directory", MkdirCommand.class)
          .synopsis("<key>")
          .flags(TTL);

  @Override
  void run(Session s) throws InterruptedException {
    DirWriter.write(this, s, flags.integer(TTL), false);
  }
}
