package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code role remove <role>} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleRemoveCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("remove", "remove a role from the etcd cluster", RoleRemoveCommand.class)
          .synopsis("<role>");

  @Override
  void run(Session s) throws InterruptedException {
    String role = AuthCalls.roleName(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.removeRole(role, s.deadline());
          return null;
        });
    s.out().print("Role " + role + " removed\n");
  }
}
