package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code user remove <user>} (CTL-070).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserRemoveCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("remove", "remove a user for the etcd cluster", UserRemoveCommand.class)
          .synopsis("<user>");

  @Override
  void run(Session s) throws InterruptedException {
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.removeUser(user, s.deadline());
          return null;
        });
    s.out().print("User " + user + " removed\n");
  }
}
