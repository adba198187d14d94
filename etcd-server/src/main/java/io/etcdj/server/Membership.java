package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.store.NodeExtern;
import io.etcdj.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the committed membership back from the store's hidden keys (SPEC CLU-020): {@code
 * /0/members/<hex>/raftAttributes} (peer URLs) and {@code /0/members/<hex>/attributes} (the name
 * and client URLs a member publishes, CLU-018).
 *
 * <p>Thread-safety: stateless; the store is safe for concurrent reads.
 */
final class Membership {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Membership() {}

  /** The members, sorted by ID as etcd lists them (OTH-021). */
  static List<Member> members(Store store) {
    // peek, not get: etcd answers membership from memory, so these reads are in no store stats.
    return members(store.peek("/0/members", true, true));
  }

  /** The members in {@code dir}, a recursive read of {@code /0/members} (null if missing). */
  static List<Member> members(NodeExtern dir) {
    List<Member> members = new ArrayList<>();
    if (dir == null || dir.nodes() == null) {
      return members;
    }
    for (NodeExtern m : dir.nodes()) {
      String hex = m.key().substring(m.key().lastIndexOf('/') + 1);
      List<String> peerUrls = List.of();
      List<String> clientUrls = List.of();
      String name = "";
      if (m.nodes() != null) {
        for (NodeExtern attr : m.nodes()) {
          JsonNode json = parse(attr.value());
          if (attr.key().endsWith("/raftAttributes")) {
            peerUrls = strings(json.path("peerURLs"));
          } else if (attr.key().endsWith("/attributes")) {
            name = json.path("name").asText("");
            clientUrls = strings(json.path("clientURLs"));
          }
        }
      }
      members.add(new Member(Long.parseUnsignedLong(hex, 16), name, peerUrls, clientUrls));
    }
    members.sort(Comparator.comparing(Member::id, Long::compareUnsigned));
    return members;
  }

  /** Whether {@code id} was removed from the cluster (CLU-033). */
  static boolean isRemoved(Store store, long id) {
    return store.peek("/0/removed_members/" + Long.toHexString(id), false, false) != null;
  }

  private static JsonNode parse(String value) {
    try {
      return JSON.readTree(value == null ? "{}" : value);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(u -> out.add(u.asText()));
    out.sort(null);
    return out;
  }
}
