package io.etcdj.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt password hashes as etcd stores them (cost 10, SPEC OTH-062) and their checks (OTH-078).
 *
 * <p>A bcrypt check costs 50-100 ms of CPU, so it never runs on a Netty event loop: hashing and
 * uncached checks run on a small pool of daemon threads shared by every member in the JVM (its
 * threads exit after a minute idle). etcd 2.3 checks every request with bcrypt; here a successful
 * check is remembered, keyed by a SHA-256 of the stored hash and the password, so that the next
 * request with the same credentials costs a hash lookup. The key contains the stored hash, so a
 * changed password or a re-created user never matches an old entry, and a deleted user fails before
 * the check. Only successes are cached (at most {@value #CACHE_SIZE}, least recently used dropped
 * first); a wrong password always pays the full bcrypt cost, as in etcd.
 *
 * <p>Thread-safety: safe for concurrent use; the cache is a synchronized map.
 */
public final class Passwords {
  /** etcd uses Go's bcrypt.DefaultCost. */
  static final int COST = 10;

  static final int CACHE_SIZE = 1024;

  private static final ExecutorService POOL = pool();

  private final Set<String> verified =
      Collections.newSetFromMap(
          Collections.synchronizedMap(
              new LinkedHashMap<String, Boolean>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > CACHE_SIZE;
                }
              }));

  private static ExecutorService pool() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "etcd-bcrypt");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** A new salted hash of {@code password}, computed off the caller's thread. */
  public CompletableFuture<String> hash(String password) {
    return CompletableFuture.supplyAsync(() -> BCrypt.hashpw(password, BCrypt.gensalt(COST)), POOL);
  }

  /**
   * True if the cache already knows {@code password} matches {@code storedHash}; false means
   * "unknown", not "wrong".
   */
  public boolean knownMatch(String storedHash, String password) {
    return verified.contains(cacheKey(storedHash, password));
  }

  /** Checks {@code password} against {@code storedHash} off the caller's thread. */
  public CompletableFuture<Boolean> check(String storedHash, String password) {
    String key = cacheKey(storedHash, password);
    if (verified.contains(key)) {
      return CompletableFuture.completedFuture(true);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          boolean ok = matches(storedHash, password);
          if (ok) {
            verified.add(key);
          }
          return ok;
        },
        POOL);
  }

  /** jBCrypt throws on a malformed hash, where Go's bcrypt returns an error: both mean "no". */
  private static boolean matches(String storedHash, String password) {
    try {
      return BCrypt.checkpw(password, storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String cacheKey(String storedHash, String password) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(password.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(sha.digest());
  }
}
