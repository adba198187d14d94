package io.etcdj.server;

import java.util.List;

/**
 * A cluster member as {@code /v2/members} shows it (SPEC OTH-021).
 *
 * <p>Thread-safety: immutable.
 *
 * @param id the member ID (CLU-001)
 * @param name empty until the member has published its attributes
 * @param peerUrls sorted peer URLs
 * @param clientUrls sorted client URLs (empty until published)
 */
public record Member(long id, String name, List<String> peerUrls, List<String> clientUrls) {
  public Member {
    peerUrls = List.copyOf(peerUrls);
    clientUrls = List.copyOf(clientUrls);
  }

  /** The ID as etcd prints it: lowercase hex without leading zeros. */
  public String idHex() {
    return Long.toHexString(id);
  }
}
