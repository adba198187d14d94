package io.etcdj.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what once auth is on (SPEC OTH-077..081), from a request's {@code Authorization}
 * header: HTTP Basic credentials checked against the stored bcrypt hash (OTH-078); no header means
 * the guest role (keys only). With auth off everything is allowed after one lookup of the flag, as
 * in etcd.
 *
 * <p>With {@code --client-cert-auth} and no header, the common name of a verified client
 * certificate names the user instead (OTH-078). etcd looks at every certificate of every chain Go
 * verified, root included; here the chain is the one the client presented (leaf first), which the
 * handshake verified against the trusted CAs but which may lack the root.
 *
 * <p>Thread-safety: stateless apart from the shared {@link AuthStore}; answers complete on the
 * caller's thread when no bcrypt check is needed, otherwise on the bcrypt pool.
 */
public final class Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver/auth");
  private static final CompletableFuture<Boolean> YES = CompletableFuture.completedFuture(true);
  private static final CompletableFuture<Boolean> NO = CompletableFuture.completedFuture(false);

  private final AuthStore store;

  public Authorizer(AuthStore store) {
    this.store = store;
  }

  /** OTH-081: reads are free; anything else needs root. */
  public CompletableFuture<Boolean> writeRootAccess(String method, Credentials credentials) {
    if (method.equals("GET") || method.equals("HEAD")) {
      return YES;
    }
    return rootAccess(credentials);
  }

  /** OTH-077: with auth on, only a user with role root. */
  public CompletableFuture<Boolean> rootAccess(Credentials credentials) {
    if (!store.enabled()) {
      return YES;
    }
    CompletableFuture<User> found =
        !credentials.hasAuthorization() && credentials.certificateNames() != null
            ? CompletableFuture.completedFuture(certificateUser(credentials.certificateNames()))
            : authenticate(credentials.authorization());
    return found.thenApply(
        user -> {
          if (user == null) {
            return false;
          }
          if (user.roles() != null && user.roles().contains(Role.ROOT)) {
            return true;
          }
          LOG.warn("user {} does not have the root role", user.name());
          return false;
        });
  }

  /**
   * OTH-079, OTH-080: may this request read ({@code write} false) or write {@code key} (the path
   * after {@code /v2/keys})? Without an Authorization header the guest role decides.
   */
  public CompletableFuture<Boolean> keyAccess(
      Credentials credentials, String key, boolean recursive, boolean write) {
    if (!store.enabled()) {
      return YES;
    }
    CompletableFuture<User> found;
    if (!credentials.hasAuthorization()) {
      User named =
          credentials.certificateNames() == null
              ? null
              : certificateUser(credentials.certificateNames());
      if (named == null) {
        return guestAccess(key, write) ? YES : NO;
      }
      found = CompletableFuture.completedFuture(named);
    } else {
      found = authenticate(credentials.authorization());
    }
    return found.thenApply(
        user -> {
          if (user == null) {
            return false;
          }
          for (String name : user.roles() == null ? List.<String>of() : user.roles()) {
            Role role;
            try {
              role = store.role(name);
            } catch (AuthException e) {
              continue;
            }
            if (recursive ? role.allowsRecursive(key, write) : role.allows(key, write)) {
              return true;
            }
          }
          LOG.warn("invalid access for user {} on key {}.", user.name(), key);
          return false;
        });
  }

  /** OTH-079: the guest role's own permissions; no guest role means no access. */
  private boolean guestAccess(String key, boolean write) {
    Role guest;
    try {
      guest = store.role(Role.GUEST);
    } catch (AuthException e) {
      return false;
    }
    if (guest.allows(key, write)) {
      return true;
    }
    LOG.warn("invalid access for unauthenticated user on resource {}.", key);
    return false;
  }

  /**
   * OTH-078: the first certificate whose common name is a user names the request's user (the TLS
   * handshake has verified the chain; no password is involved).
   */
  private User certificateUser(List<String> names) {
    for (String name : names) {
      try {
        return store.user(name);
      } catch (AuthException e) {
        // not a user: try the next certificate of the chain
      }
    }
    return null;
  }

  /** The user named by valid Basic credentials, or null (completes with null, never fails). */
  private CompletableFuture<User> authenticate(String authorization) {
    String[] credentials = basicCredentials(authorization);
    if (credentials == null) {
      LOG.warn("malformed basic auth encoding");
      return CompletableFuture.completedFuture(null);
    }
    User user;
    try {
      user = store.user(credentials[0]);
    } catch (AuthException e) {
      return CompletableFuture.completedFuture(null);
    }
    return store
        .passwords()
        .check(user.password(), credentials[1])
        .thenApply(
            ok -> {
              if (!ok) {
                LOG.warn("incorrect password for user: {}", user.name());
              }
              return ok ? user : null;
            });
  }

  /**
   * Go's {@code Request.BasicAuth}: {@code Basic } (any case) and standard, padded base64 of {@code
   * name:password}; null when the header is absent or malformed.
   */
  static String[] basicCredentials(String authorization) {
    String prefix = "Basic ";
    if (authorization == null
        || authorization.length() < prefix.length()
        || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    String encoded = authorization.substring(prefix.length());
    if (encoded.length() % 4 != 0) {
      return null; // Go's StdEncoding wants the padding Java's decoder would let pass
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String s = new String(decoded, StandardCharsets.UTF_8);
    int colon = s.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return new String[] {s.substring(0, colon), s.substring(colon + 1)};
  }
}
