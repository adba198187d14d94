package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code role remove <role>} (CTL-071).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(
    name = "remove",
    description = "remove a role from the etcd cluster",
    customSynopsis = "<role>")
final class RoleRemoveCommand extends CtlCommand {
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
