package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code user get <user>} (CTL-070): the user and its roles.
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "get", description = "get details for a user", customSynopsis = "<user>")
final class UserGetCommand extends CtlCommand {
  @Override
  void run(Session s) throws InterruptedException {
    String user = AuthCalls.userName(s, args);
    AuthApi api = AuthCalls.api(s);
    List<String> roles = AuthCalls.orExit(s, () -> api.getUser(user, s.deadline()));
    s.out().print("User: " + user + "\n");
    s.out().print("Roles: " + String.join(" ", roles) + "\n");
  }
}
