package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.Role;

/**
 * {@code role get <role>} (CTL-071): the key patterns the role may read and write.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class RoleGetCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("get", "get details for a role", RoleGetCommand.class).synopsis("<role>");

  @Override
  void run(Session s) throws InterruptedException {
    String name = AuthCalls.roleName(s, args);
    AuthApi api = AuthCalls.api(s);
    Role role = AuthCalls.orExit(s, () -> api.getRole(name, s.deadline()));
    s.out().print("Role: " + role.name() + "\n");
    s.out().print("KV Read:\n");
    if (role.read() != null) {
      role.read().forEach(p -> s.out().print("\t" + p + "\n"));
    }
    s.out().print("KV Write:\n");
    if (role.write() != null) {
      role.write().forEach(p -> s.out().print("\t" + p + "\n"));
    }
  }
}
