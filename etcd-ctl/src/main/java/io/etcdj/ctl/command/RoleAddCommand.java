package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.EtcdClientException;

/**
 * {@code role add <role>} (CTL-071): refuses a role that already exists before asking to create.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleAddCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("add", "add a new role for the etcd cluster", RoleAddCommand.class)
          .synopsis("<role> ");

  @Override
  void run(Session s) throws InterruptedException {
    String role = AuthCalls.roleName(s, args);
    AuthApi api = AuthCalls.api(s);
    var deadline = s.deadline();
    boolean exists;
    try {
      api.getRole(role, deadline);
      exists = true;
    } catch (EtcdClientException e) {
      exists = false;
    }
    if (exists) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "Role " + role + " already exists");
    }
    AuthCalls.orExit(
        s,
        () -> {
          api.addRole(role, deadline);
          return null;
        });
    s.out().print("Role " + role + " created\n");
  }
}
