package io.etcdj.server.auth;

import java.util.List;

/**
 * A v2 auth role (SPEC OTH-074, OTH-075): its name, its key permissions, and in a PUT body the
 * permissions to grant or revoke. Equality is etcd's "not updated" check: component by component,
 * null and empty lists kept apart.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the role's name
 * @param permissions what the role allows (never null; its lists may be)
 * @param grant permissions to add in an update, or null
 * @param revoke permissions to remove in an update, or null
 */
public record Role(String name, Permissions permissions, Permissions grant, Permissions revoke) {
  /** OTH-063: the built-in role every root user has. */
  public static final String ROOT = "root";

  /** OTH-079: the role of requests without credentials. */
  public static final String GUEST = "guest";

  /** OTH-063: root may read and write every key; it is never stored. */
  static final Role ROOT_ROLE = new Role(ROOT, new Permissions(List.of("/*"), List.of("/*")));

  /** OTH-065: created when auth is enabled and no guest role exists: everything allowed. */
  static final Role DEFAULT_GUEST = new Role(GUEST, new Permissions(List.of("/*"), List.of("/*")));

  public Role {
    permissions = permissions == null ? Permissions.NONE : permissions;
  }

  /** A role as stored: no grant or revoke. */
  public Role(String name, Permissions permissions) {
    this(name, permissions, null, null);
  }

  /** True if the PUT body asks for neither a grant nor a revoke (it then creates the role). */
  public boolean changesNothing() {
    return (grant == null || grant.isEmpty()) && (revoke == null || revoke.isEmpty());
  }

  /** OTH-075: this stored role with the update's grant, then its revoke, applied. */
  Role merge(Role update) throws AuthException {
    Permissions p = permissions;
    if (update.grant != null) {
      p = p.grant(update.grant);
    }
    if (update.revoke != null) {
      p = p.revoke(update.revoke);
    }
    return new Role(name, p);
  }

  /** OTH-080: access to one key (root: everything). */
  public boolean allows(String key, boolean write) {
    return name.equals(ROOT) || permissions.allows(key, write);
  }

  /** OTH-080: access to a whole subtree (root: everything). */
  public boolean allowsRecursive(String key, boolean write) {
    return name.equals(ROOT) || permissions.allowsRecursive(key, write);
  }
}
