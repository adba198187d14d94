package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import java.io.IOException;

/**
 * {@code user add <user>[:<password>]} (CTL-070): prompts {@code New password: } when no password
 * is given.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserAddCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("add", "add a new user for the etcd cluster", UserAddCommand.class)
          .synopsis("<user>");

  @Override
  void run(Session s) throws InterruptedException {
    String arg = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    int colon = arg.indexOf(':');
    String user = colon < 0 ? arg : arg.substring(0, colon);
    String password;
    if (colon >= 0) {
      password = arg.substring(colon + 1);
    } else {
      try {
        password = s.terminal().askPassword("New password: ");
      } catch (IOException e) {
        throw s.errors().fail(ExitCodes.BAD_ARGS, "Error reading password: " + e.getMessage());
      }
    }
    AuthCalls.orExit(
        s,
        () -> {
          api.addUser(user, password, s.deadline());
          return null;
        });
    s.out().print("User " + user + " created\n");
  }
}
