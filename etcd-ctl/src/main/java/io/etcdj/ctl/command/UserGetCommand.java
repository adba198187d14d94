package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import java.util.List;

/**
 * {@code user get <user>} (CTL-070): the user and its roles.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserGetCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("get", "get details for a user", UserGetCommand.class).synopsis("<user>");

  @Override
  void run(Session s) throws InterruptedException {
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    List<String> roles = AuthCalls.orExit(s, () -> api.getUser(user, s.deadline()));
    s.out().print("User: " + user + "\n");
    s.out().print("Roles: " + String.join(" ", roles) + "\n");
  }
}
