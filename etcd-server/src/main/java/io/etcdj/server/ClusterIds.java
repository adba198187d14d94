package io.etcdj.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Member and cluster IDs as etcd computes them (SPEC CLU-001, CLU-004): the first 8 bytes,
 * big-endian, of a SHA-1 hash.
 *
 * <p>Thread-safety: stateless.
 */
public final class ClusterIds {
  private ClusterIds() {}

  /** SHA-1 over the sorted peer URLs concatenated without separator, then the token. */
  public static long memberId(Collection<String> peerUrls, String token) {
    String[] sorted = peerUrls.toArray(new String[0]);
    Arrays.sort(sorted);
    StringBuilder b = new StringBuilder();
    for (String url : sorted) {
      b.append(url);
    }
    b.append(token);
    return first8(sha1(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-1 over the member IDs sorted as unsigned numbers, each as 8 big-endian bytes. */
  public static long clusterId(List<Long> memberIds) {
    long[] ids = memberIds.stream().mapToLong(Long::longValue).toArray();
    Long[] boxed = Arrays.stream(ids).boxed().toArray(Long[]::new);
    Arrays.sort(boxed, Long::compareUnsigned);
    ByteBuffer buf = ByteBuffer.allocate(8 * boxed.length);
    for (Long id : boxed) {
      buf.putLong(id);
    }
    return first8(sha1(buf.array()));
  }

  private static long first8(byte[] hash) {
    return ByteBuffer.wrap(hash, 0, 8).getLong();
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
