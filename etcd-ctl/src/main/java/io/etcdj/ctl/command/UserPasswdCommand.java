package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import java.io.IOException;

/**
 * {@code user passwd <user>} (CTL-070): prompts {@code New password: }.
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserPasswdCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("passwd", "change password for a user", UserPasswdCommand.class)
          .synopsis("<user>");

  @Override
  void run(Session s) throws InterruptedException {
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    String password;
    try {
      password = s.terminal().askPassword("New password: ");
    } catch (IOException e) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "Error reading password: " + e.getMessage());
    }
    AuthCalls.orExit(
        s,
        () -> {
          api.changePassword(user, password, s.deadline());
          return null;
        });
    s.out().print("Password updated\n");
  }
}
