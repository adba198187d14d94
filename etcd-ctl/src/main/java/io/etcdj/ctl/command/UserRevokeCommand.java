package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.EtcdClientException;
import java.util.List;

/**
 * {@code user revoke <user> --roles r1 [--roles r2]} (CTL-070).
 *
 * <p>Not thread-safe: one instance per run.
 */
final class UserRevokeCommand extends UserRoleChange {

  static final CommandDef DEF =
      CommandDef.command("revoke", "revoke roles for an etcd user", UserRevokeCommand.class)
          .synopsis("<user>")
          .flags(ROLES);

  @Override
  void change(AuthApi api, String user, List<String> roles, Session s)
      throws EtcdClientException, InterruptedException {
    api.revokeUser(user, roles, s.deadline());
  }
}
