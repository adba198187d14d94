package io.etcdj.ctl.command;

/**
 * {@code role grant <role> --path <p> --read|--write|--readwrite} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleGrantCommand extends CtlCommand {
  private static final Flag PATH = Flag.string("path", "", "Path granted for the role to access");
  private static final Flag READ = Flag.bool("read", "Grant read-only access");
  private static final Flag WRITE = Flag.bool("write", "Grant write-only access");
  private static final Flag READ_WRITE = Flag.bool("readwrite, rw", "Grant read-write access");

  static final CommandDef DEF =
      CommandDef.command("grant", "grant path matches to an etcd role", RoleGrantCommand.class)
          .synopsis("<role>")
          .flags(PATH, READ, WRITE, READ_WRITE);

  @Override
  void run(Session s) throws InterruptedException {
    RolePermissionChange.apply(
        s,
        args,
        true,
        flags.string(PATH),
        flags.bool(READ),
        flags.bool(WRITE),
        flags.bool(READ_WRITE));
  }
}
