package io.etcdj.server.auth;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.log.CapnslogLevel;
import io.etcdj.store.EtcdError;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.NodeExtern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd 2.3's v2 auth state (SPEC OTH-062..076): users, roles and the enabled flag as JSON values
 * under {@code /2} in the v2 store. Every change is an ordinary v2 PUT or DELETE proposed through
 * raft, so it reaches every member, the WAL and snapshots, and takes etcd indexes as etcd's does;
 * the checks etcd makes with a quorum read go through raft as a QGET too. Plain lookups read the
 * local store, and count in its get statistics as etcd's do ({@link AuthResources}).
 *
 * <p>Operations are not atomic, as in etcd: two concurrent updates of one user may both read the
 * old value; the later write wins.
 *
 * <p>Thread-safety: safe for concurrent use; its state is in the v2 store. Returned futures
 * complete on the applying thread or the bcrypt pool; callers hop to their own thread.
 */
public final class AuthStore {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver/auth");

  private final AuthResources resources;
  private final Passwords passwords = new Passwords();

  public AuthStore(EtcdServer server) {
    this.resources = new AuthResources(server);
  }

  public Passwords passwords() {
    return passwords;
  }

  /** OTH-064: {@code /2/enabled} holds the JSON literal {@code true}; anything else is off. */
  public boolean enabled() {
    return "true".equals(resources.localValue("/enabled"));
  }

  /** OTH-068: a user from the local store, with role root attached to user root. */
  public User user(String name) throws AuthException {
    try {
      return parseUser(localGet("/users/" + name));
    } catch (EtcdException e) {
      throw notFound(e, "User " + name + " does not exist.");
    }
  }

  /** OTH-074: a role from the local store; root is synthetic. */
  public Role role(String name) throws AuthException {
    if (name.equals(Role.ROOT)) {
      return Role.ROOT_ROLE;
    }
    try {
      return parseRole(localGet("/roles/" + name));
    } catch (EtcdException e) {
      throw notFound(e, "Role " + name + " does not exist.");
    }
  }

  /** OTH-067: user names, sorted. */
  public List<String> userNames() {
    return childNames("/users", new ArrayList<>());
  }

  /** OTH-074: role names including root, sorted. */
  public List<String> roleNames() {
    List<String> names = new ArrayList<>(List.of(Role.ROOT));
    return childNames("/roles", names);
  }

  private List<String> childNames(String dir, List<String> names) {
    try {
      List<NodeExtern> nodes = localGet(dir).node().nodes();
      if (nodes != null) {
        for (NodeExtern n : nodes) {
          names.add(n.key().substring(n.key().lastIndexOf('/') + 1));
        }
      }
    } catch (EtcdException e) {
      // OTH-067: no directory yet means none.
    }
    Collections.sort(names);
    return names;
  }

  /** OTH-070: a PUT with roles creates the user (409 when it exists); user root gets role root. */
  public CompletableFuture<User> createUser(User in) {
    User user = in.withRootRole();
    if (user.password().isEmpty()) {
      return failed(
          new AuthException(400, "Cannot create user " + user.name() + " with an empty password"));
    }
    return passwords
        .hash(user.password())
        .thenCompose(
            hash -> {
              User stored = new User(user.name(), hash, user.roles());
              return write("/users/" + user.name(), AuthJson.user(stored), false)
                  .handle(
                      (event, error) -> {
                        if (error == null) {
                          return stored;
                        }
                        if (code(error) == EtcdError.NODE_EXIST) {
                          throw new CompletionException(
                              new AuthException(409, "User " + user.name() + " already exists."));
                        }
                        throw asCompletion(error);
                      });
            });
  }

  /** OTH-070: the outcome of a create-or-update: the stored user and whether it was new. */
  public record Outcome(User user, boolean created) {}

  /** OTH-070: a PUT without roles, grant or revoke: creates (201) or updates (200). */
  public CompletableFuture<Outcome> createOrUpdateUser(User in) {
    return quorumGet("/users/" + in.name())
        .handle((event, error) -> error == null)
        .thenCompose(
            exists ->
                exists
                    ? updateUser(in).thenApply(u -> new Outcome(u, false))
                    : createUser(in).thenApply(u -> new Outcome(u, true)));
  }

  /** OTH-071: grant, revoke, new password; 400 when nothing would change. */
  public CompletableFuture<User> updateUser(User in) {
    String path = "/users/" + in.name();
    return quorumGetExisting(path, "User " + in.name() + " does not exist.", AuthStore::parseUser)
        .thenCompose(
            old ->
                (in.password().isEmpty()
                        ? CompletableFuture.<String>completedFuture(null)
                        : passwords.hash(in.password()))
                    .thenCompose(
                        newHash -> {
                          User merged;
                          try {
                            merged = old.merge(in, newHash);
                          } catch (AuthException e) {
                            return failed(e);
                          }
                          if (merged.equals(old)) {
                            return failed(
                                new AuthException(
                                    400,
                                    "User not updated. Use grant/revoke/password to update the"
                                        + " user."));
                          }
                          return write(path, AuthJson.user(merged), true).thenApply(e -> merged);
                        }));
  }

  /** OTH-073: 403 for root while auth is on; 404 when missing. */
  public CompletableFuture<Void> deleteUser(String name) {
    // etcd looks the flag up first, for every name (a get in the store statistics).
    if (enabled() && name.equals(User.ROOT)) {
      return failed(new AuthException(403, "Cannot delete root user while auth is enabled."));
    }
    return delete("/users/" + name, "User " + name + " does not exist");
  }

  /** OTH-075: creates a role as sent (409 when it exists; 403 for root). */
  public CompletableFuture<Void> createRole(Role role) {
    if (role.name().equals(Role.ROOT)) {
      return failed(rootRoleRefused());
    }
    return write("/roles/" + role.name(), AuthJson.role(role), false)
        .handle(
            (event, error) -> {
              if (error == null) {
                return null;
              }
              if (code(error) == EtcdError.NODE_EXIST) {
                throw new CompletionException(
                    new AuthException(409, "Role " + role.name() + " already exists."));
              }
              throw asCompletion(error);
            });
  }

  /** OTH-075: applies a grant and a revoke; 400 when nothing would change. */
  public CompletableFuture<Role> updateRole(Role in) {
    if (in.name().equals(Role.ROOT)) {
      return failed(rootRoleRefused());
    }
    String path = "/roles/" + in.name();
    return quorumGetExisting(path, "Role " + in.name() + " does not exist.", AuthStore::parseRole)
        .thenCompose(
            old -> {
              Role merged;
              try {
                merged = old.merge(in);
              } catch (AuthException e) {
                return failed(e);
              }
              if (merged.equals(old)) {
                return failed(
                    new AuthException(
                        400, "Role not updated. Use grant/revoke to update the role."));
              }
              return write(path, AuthJson.role(merged), true).thenApply(e -> merged);
            });
  }

  /** OTH-076: 403 for root, 404 when missing; users keep the name in their roles. */
  public CompletableFuture<Void> deleteRole(String name) {
    if (name.equals(Role.ROOT)) {
      return failed(rootRoleRefused());
    }
    return delete("/roles/" + name, "Role " + name + " doesn't exist.");
  }

  /**
   * OTH-065: needs a root user; creates the default guest role when there is none; then stores
   * {@code true}.
   */
  public CompletableFuture<Void> enable() {
    if (enabled()) {
      return failed(new AuthException(409, "already enabled"));
    }
    return quorumGet("/users/" + User.ROOT)
        .handle((event, error) -> error == null)
        .thenCompose(
            hasRoot -> {
              if (!hasRoot) {
                return failed(new AuthException(409, "No root user available, please create one"));
              }
              return quorumGet("/roles/" + Role.GUEST).handle((event, error) -> error == null);
            })
        .thenCompose(
            hasGuest -> {
              if (hasGuest) {
                return CompletableFuture.completedFuture(null);
              }
              LOG.info("no guest role access found, creating default");
              return createRole(Role.DEFAULT_GUEST);
            })
        .thenCompose(v -> write("/enabled", "true", true))
        .thenRun(() -> LOG.info(CapnslogLevel.NOTICE, "enabled auth"));
  }

  /** OTH-066: stores {@code false}; 409 when already off. */
  public CompletableFuture<Void> disable() {
    if (!enabled()) {
      return failed(new AuthException(409, "already disabled"));
    }
    return write("/enabled", "false", true).thenRun(() -> LOG.info(CapnslogLevel.NOTICE, "disabled auth"));
  }

  private static AuthException rootRoleRefused() {
    return new AuthException(403, "Cannot modify role root: is root role.");
  }

  private Event localGet(String resource) throws EtcdException {
    return resources.localGet(resource);
  }

  private CompletableFuture<Event> quorumGet(String resource) {
    return resources.quorumGet(resource);
  }

  private CompletableFuture<Event> write(String resource, String value, boolean prevExist) {
    return resources.write(resource, value, prevExist);
  }

  private CompletableFuture<Void> delete(String resource, String notFoundMessage) {
    return resources
        .delete(resource)
        .handle(
            (event, error) -> {
              if (error == null) {
                return null;
              }
              if (code(error) == EtcdError.KEY_NOT_FOUND) {
                throw new CompletionException(new AuthException(404, notFoundMessage));
              }
              throw asCompletion(error);
            });
  }

  /** A quorum read of an existing user or role: a missing one fails with 404 {@code missing}. */
  private <T> CompletableFuture<T> quorumGetExisting(
      String resource, String missing, Function<Event, T> parse) {
    return quorumGet(resource)
        .handle(
            (event, error) -> {
              if (error != null) {
                if (code(error) == EtcdError.KEY_NOT_FOUND) {
                  throw new CompletionException(new AuthException(404, missing));
                }
                throw asCompletion(error);
              }
              return parse.apply(event);
            });
  }

  private static User parseUser(Event event) {
    try {
      return AuthJson.parseUser(bytes(event)).withRootRole();
    } catch (AuthJson.InvalidJsonException e) {
      throw new CompletionException(e);
    }
  }

  private static Role parseRole(Event event) {
    try {
      return AuthJson.parseRole(bytes(event));
    } catch (AuthJson.InvalidJsonException e) {
      throw new CompletionException(e);
    }
  }

  private static byte[] bytes(Event event) {
    String value = event.node().value();
    return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
  }

  private static AuthException notFound(EtcdException e, String message) {
    return e.error() == EtcdError.KEY_NOT_FOUND
        ? new AuthException(404, message)
        : new AuthException(500, e.getMessage());
  }

  private static EtcdError code(Throwable error) {
    return AuthResources.code(error);
  }

  private static CompletionException asCompletion(Throwable error) {
    return AuthResources.asCompletion(error);
  }

  private static <T> CompletableFuture<T> failed(Throwable error) {
    return CompletableFuture.failedFuture(error);
  }
}
