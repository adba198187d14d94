package io.etcdj.ctl.client;

import java.util.List;

/**
 * A cluster member as {@code /v2/members} lists it (OTH-021); an unstarted member has an empty name
 * and no client URLs.
 */
public record Member(String id, String name, List<String> peerUrls, List<String> clientUrls) {
  public Member {
    peerUrls = List.copyOf(peerUrls);
    clientUrls = List.copyOf(clientUrls);
  }
}
