package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.Role;
import picocli.CommandLine.Command;

/**
 * {@code role get <role>} (CTL-071): the key patterns the role may read and write.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "get", description = "get details for a role", customSynopsis = "<role>")
final class RoleGetCommand extends CtlCommand {
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
