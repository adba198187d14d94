package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.store.EtcdException;
import io.etcdj.store.NodeExtern;
import io.etcdj.store.Store;
import io.etcdj.store.TtlOptions;
import io.etcdj.store.V2Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes committed conf changes into the store's membership keys (SPEC CLU-020): an added member
 * gets {@code /0/members/<hex>/raftAttributes = {"peerURLs":[...]}}, a removed one loses its
 * directory and is recorded under {@code /0/removed_members/<hex>}. The member's peer URLs come
 * from the ConfChange context, the member JSON of CLU-015.
 *
 * <p>Thread-safety: confined to the apply thread, the only writer of the store (STYLE 7).
 */
final class MembershipApplier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");

  private final Store store;
  private final String clusterIdHex;

  MembershipApplier(Store store, String clusterIdHex) {
    this.store = store;
    this.clusterIdHex = clusterIdHex;
  }

  /** The member JSON etcd puts in a bootstrap or add-member ConfChange (CLU-015). */
  static String memberContext(long id, List<String> peerUrls, String name) {
    return "{\"id\":"
        + Long.toUnsignedString(id)
        + ",\"peerURLs\":"
        + V2Json.quoteArray(peerUrls)
        + (name.isEmpty() ? "" : ",\"name\":" + V2Json.quote(name))
        + "}";
  }

  /**
   * CLU-030 (etcd's {@code ValidateConfigurationChange}): checks {@code cc} against the committed
   * membership in the store, before it takes effect anywhere.
   *
   * @throws MembershipException if the change must be applied as a no-op
   */
  void validate(ConfChange cc) {
    long id = cc.getNodeID();
    // Like etcd's membersFromStore, through the counting get (SPEC KEY-190: a new member starts
    // with one failed get, from validating its own bootstrap AddNode): the members, then, only if
    // there are any, the removed members; etcd's other membership reads come from memory.
    NodeExtern membersDir = counted("/0/members");
    NodeExtern removedDir = membersDir == null ? null : counted("/0/removed_members");
    if (removedDir != null
        && removedDir.nodes() != null
        && removedDir.nodes().stream().anyMatch(n -> n.key().endsWith("/" + Long.toHexString(id)))) {
      throw new MembershipException(MembershipException.Kind.ID_REMOVED);
    }
    List<Member> members = Membership.members(membersDir);
    boolean exists = members.stream().anyMatch(m -> m.id() == id);
    switch (cc.getType()) {
      case ConfChangeAddNode -> {
        if (exists) {
          throw new MembershipException(MembershipException.Kind.ID_EXISTS);
        }
        checkUrlsFree(members, id, peerUrls(cc));
      }
      case ConfChangeRemoveNode -> {
        if (!exists) {
          throw new MembershipException(MembershipException.Kind.ID_NOT_FOUND);
        }
      }
      case ConfChangeUpdateNode -> {
        if (!exists) {
          throw new MembershipException(MembershipException.Kind.ID_NOT_FOUND);
        }
        checkUrlsFree(members, id, peerUrls(cc));
      }
      default -> {
        // Learners and other v3 change types do not exist in etcd 2.3 (RFT-012).
      }
    }
  }

  /** A recursive, counted read of {@code dir}; null when it does not exist. */
  private NodeExtern counted(String dir) {
    try {
      return store.get(dir, true, true).node();
    } catch (EtcdException e) {
      return null;
    }
  }

  private static void checkUrlsFree(List<Member> members, long id, List<String> urls) {
    for (Member m : members) {
      if (m.id() != id && m.peerUrls().stream().anyMatch(urls::contains)) {
        throw new MembershipException(MembershipException.Kind.PEER_URL_EXISTS);
      }
    }
  }

  void apply(ConfChange cc) throws EtcdException {
    String dir = "/0/members/" + Long.toHexString(cc.getNodeID());
    switch (cc.getType()) {
      case ConfChangeAddNode -> {
        List<String> urls = peerUrls(cc);
        store.create(
            dir + "/raftAttributes", false, raftAttributes(urls), false, TtlOptions.PERMANENT);
        LOG.info(
            "added member {} [{}] to cluster {}",
            Long.toHexString(cc.getNodeID()),
            String.join(" ", urls),
            clusterIdHex);
      }
      case ConfChangeUpdateNode -> store.set(
          dir + "/raftAttributes", false, raftAttributes(peerUrls(cc)), TtlOptions.PERMANENT);
      case ConfChangeRemoveNode -> {
        store.delete(dir, true, true);
        store.create(
            "/0/removed_members/" + Long.toHexString(cc.getNodeID()),
            false,
            "",
            false,
            TtlOptions.PERMANENT);
        LOG.info(
            "removed member {} from cluster {}", Long.toHexString(cc.getNodeID()), clusterIdHex);
      }
      default -> {
        // Learners and other v3 change types do not exist in etcd 2.3 (RFT-012).
      }
    }
  }

  private static String raftAttributes(List<String> urls) {
    return "{\"peerURLs\":" + V2Json.quoteArray(urls) + "}";
  }

  static List<String> peerUrls(ConfChange cc) {
    List<String> urls = new ArrayList<>();
    try {
      JsonNode peerUrls = JSON.readTree(cc.getContext().toByteArray()).path("peerURLs");
      peerUrls.forEach(u -> urls.add(u.asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("bad member context in a conf change: " + e.getMessage());
    }
    return urls;
  }
}
