package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code role list} (CTL-071): role names, one per line (root included).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "list", description = "list all roles", customSynopsis = " ")
final class RoleListCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    for (String r : AuthCalls.orExit(s, () -> api.listRoles(s.deadline()))) {
      s.out().print(r + "\n");
    }
  }
}
