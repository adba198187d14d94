package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code user list} (CTL-070): user names, one per line.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserListCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("list", "list all current users", UserListCommand.class)
          .synopsis("<user>");

  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    for (String u : AuthCalls.orExit(s, () -> api.listUsers(s.deadline()))) {
      s.out().print(u + "\n");
    }
  }
}
