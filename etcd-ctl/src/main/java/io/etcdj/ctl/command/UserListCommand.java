package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import picocli.CommandLine.Command;

/**
 * {@code user list} (CTL-070): user names, one per line.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "list", description = "list all current users", customSynopsis = "<user>")
final class UserListCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    for (String u : AuthCalls.orExit(s, () -> api.listUsers(s.deadline()))) {
      s.out().print(u + "\n");
    }
  }
}
