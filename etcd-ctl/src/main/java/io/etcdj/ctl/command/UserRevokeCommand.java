package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.EtcdClientException;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code user revoke <user> --roles r1 [--roles r2]} (CTL-070).
 *
 * <p>Not thread-safe: one instance per run.
 */
@Command(name = "revoke", description = "revoke roles for an etcd user", customSynopsis = "<user>")
final class UserRevokeCommand extends UserRoleChange {
  @Override
  void change(AuthApi api, String user, List<String> roles, Session s)
      throws EtcdClientException, InterruptedException {
    api.revokeUser(user, roles, s.deadline());
  }
}
