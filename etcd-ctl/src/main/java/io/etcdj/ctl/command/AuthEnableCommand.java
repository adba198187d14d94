package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;

/**
 * {@code auth enable} (CTL-072).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class AuthEnableCommand extends CtlCommand {

  static final CommandDef DEF =
      CommandDef.command("enable", "enable auth access controls", AuthEnableCommand.class)
          .synopsis(" ");

  @Override
  void run(Session s) throws InterruptedException {
    AuthCalls.noArgs(s, args);
    AuthApi api = AuthCalls.api(s);
    AuthCalls.orExit(
        s,
        () -> {
          api.enable(true, s.deadline());
          return null;
        });
    s.out().print("Authentication Enabled\n");
  }
}
