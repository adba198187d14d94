package io.etcdj.ctl.command;

import io.etcdj.ctl.client.AuthApi;
import io.etcdj.ctl.client.AuthApi.Permission;
import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.client.Role;
import java.util.List;

/**
 * The body of {@code role grant} and {@code role revoke} (CTL-071): validates the path and the one
 * permission flag, applies the change, and tells when nothing changed.
 *
 * <p>Stateless; thread-safe.
 */
final class RolePermissionChange {
  private RolePermissionChange() {}

  static void apply(
      Session s,
      List<String> args,
      boolean grant,
      String path,
      boolean read,
      boolean write,
      boolean rw)
      throws InterruptedException {
    if (path.isEmpty()) {
      throw s.errors().fail(ExitCodes.BAD_ARGS, "No path specified; please use `--path`");
    }
    String canonical = GoText.canonicalUrlPath(path);
    if (!canonical.equals(path)) {
      throw s.errors()
          .fail(ExitCodes.BAD_ARGS, "Not canonical path; please use `--path=" + canonical + "`");
    }
    int count = (read ? 1 : 0) + (write ? 1 : 0) + (rw ? 1 : 0);
    if (count != 1) {
      throw s.errors()
          .fail(ExitCodes.BAD_ARGS, "Please specify exactly one of --read, --write or --readwrite");
    }
    Permission p = read ? Permission.READ : write ? Permission.WRITE : Permission.READ_WRITE;
    String name = AuthCalls.roleName(s, args);
    AuthApi api = AuthCalls.api(s);
    var deadline = s.deadline();
    Role before = AuthCalls.orExit(s, () -> api.getRole(name, deadline));
    Role after = AuthCalls.orExit(s, () -> api.changeRole(name, grant, path, p, deadline));
    if (after.equals(before)) {
      s.out().print(grant ? "Role unchanged; already granted" : "Role unchanged; already revoked");
    }
    s.out().print("Role " + name + " updated\n");
  }
}
