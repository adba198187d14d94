package io.etcdj.server.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A v2 auth user (SPEC OTH-062, OTH-069..072): as stored, the password is a bcrypt hash; in a PUT
 * body it is the clear text (or empty: unchanged) and the body may name roles to grant or revoke.
 * {@code roles} is null when the JSON had none, which etcd writes as {@code "roles":null} and keeps
 * apart from {@code []}. Equality is etcd's "not updated" check.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the user's name
 * @param password a bcrypt hash (stored) or a clear-text password (request); never null
 * @param roles role names in the order given, or null
 * @param grant roles to add (request only), or null
 * @param revoke roles to remove (request only), or null
 */
public record User(
    String name, String password, List<String> roles, List<String> grant, List<String> revoke) {
  /** OTH-063: the user that always has the root role. */
  public static final String ROOT = "root";

  public User {
    password = password == null ? "" : password;
    roles = roles == null ? null : List.copyOf(roles);
    grant = grant == null ? null : List.copyOf(grant);
    revoke = revoke == null ? null : List.copyOf(revoke);
  }

  /** A user as stored or answered: no grant or revoke. */
  public User(String name, String password, List<String> roles) {
    this(name, password, roles, null, null);
  }

  public boolean hasGrantOrRevoke() {
    return (grant != null && !grant.isEmpty()) || (revoke != null && !revoke.isEmpty());
  }

  public boolean hasRoles() {
    return roles != null && !roles.isEmpty();
  }

  /** OTH-072: what a PUT answers: the user without its password. */
  public User withoutPassword() {
    return new User(name, "", roles);
  }

  /** OTH-063: user root always has role root, added at the end when missing. */
  User withRootRole() {
    if (!name.equals(ROOT) || (roles != null && roles.contains(Role.ROOT))) {
      return this;
    }
    List<String> all = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
    all.add(Role.ROOT);
    return new User(name, password, all, grant, revoke);
  }

  /**
   * OTH-071: this stored user with the update applied: a new password hash when one was given, then
   * the grants and revokes in order; the roles come out sorted and never null.
   */
  User merge(User update, String newHash) throws AuthException {
    TreeSet<String> set = roles == null ? new TreeSet<>() : new TreeSet<>(roles);
    if (update.grant != null) {
      for (String r : update.grant) {
        if (!set.add(r)) {
          throw new AuthException(409, "Granting duplicate role " + r + " for user " + update.name);
        }
      }
    }
    if (update.revoke != null) {
      for (String r : update.revoke) {
        if (!set.remove(r)) {
          throw new AuthException(409, "Revoking ungranted role " + r + " for user " + update.name);
        }
      }
    }
    return new User(name, newHash == null ? password : newHash, new ArrayList<>(set));
  }
}
