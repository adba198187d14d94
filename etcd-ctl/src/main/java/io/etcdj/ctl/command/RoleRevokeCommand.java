package io.etcdj.ctl.command;

/**
 * {@code role revoke <role> --path <p> --read|--write|--readwrite} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleRevokeCommand extends CtlCommand {
  private static final Flag PATH = Flag.string("path", "", "Path revoked for the role to access");
  private static final Flag READ = Flag.bool("read", "Revoke read access");
  private static final Flag WRITE = Flag.bool("write", "Revoke write access");
  private static final Flag READ_WRITE = Flag.bool("readwrite, rw", "Revoke read-write access");

  static final CommandDef DEF =
      CommandDef.command("revoke", "revoke path matches for an etcd role", RoleRevokeCommand.class)
          .synopsis("<role>")
          .flags(PATH, READ, WRITE, READ_WRITE);

  @Override
  void run(Session s) throws InterruptedException {
    RolePermissionChange.apply(
        s,
        args,
        false,
        flags.string(PATH),
        flags.bool(READ),
        flags.bool(WRITE),
        flags.bool(READ_WRITE));
  }
}
