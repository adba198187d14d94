package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code role list} (CTL-071): role names, one per line (root included).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleListCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("list", "list all roles", RoleListCommand.class).synopsis(" ");

  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    for (String r : AuthCalls.orExit(s, () -> api.listRoles(s.deadline()))) {
      s.out().print(r + "\n");
    }
  }
}
