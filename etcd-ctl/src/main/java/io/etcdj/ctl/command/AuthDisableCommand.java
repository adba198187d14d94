package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code auth disable} (CTL-072).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class AuthDisableCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("disable", "disable auth access controls", AuthDisableCommand.class)
          .synopsis(" ");

  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.enable(false, s.deadline());
          return null;
        });
    s.out().print("Authentication Disabled\n");
  }
}
