package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.store.EtcdException;
import io.etcdj.store.Store;
import io.etcdj.store.TtlOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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

  private final Store store;

  MembershipApplier(Store store) {
    this.store = store;
  }

  /** The member JSON etcd puts in a bootstrap or add-member ConfChange (CLU-015). */
  static String memberContext(long id, List<String> peerUrls, String name) {
    return "{\"id\":"
        + Long.toUnsignedString(id)
        + ",\"peerURLs\":"
        + JsonStrings.array(peerUrls)
        + (name.isEmpty() ? "" : ",\"name\":" + JsonStrings.quote(name))
        + "}";
  }

  void apply(ConfChange cc) throws EtcdException {
    String dir = "/0/members/" + Long.toHexString(cc.getNodeID());
    switch (cc.getType()) {
      case ConfChangeAddNode -> store.create(
          dir + "/raftAttributes", false, raftAttributes(cc), false, TtlOptions.PERMANENT);
      case ConfChangeUpdateNode -> store.set(
          dir + "/raftAttributes", false, raftAttributes(cc), TtlOptions.PERMANENT);
      case ConfChangeRemoveNode -> {
        store.delete(dir, true, true);
        store.create(
            "/0/removed_members/" + Long.toHexString(cc.getNodeID()),
            false,
            "",
            false,
            TtlOptions.PERMANENT);
      }
      default -> {
        // Learners and other v3 change types do not exist in etcd 2.3 (RFT-012).
      }
    }
  }

  private static String raftAttributes(ConfChange cc) {
    List<String> urls = new ArrayList<>();
    try {
      JsonNode peerUrls = JSON.readTree(cc.getContext().toByteArray()).path("peerURLs");
      peerUrls.forEach(u -> urls.add(u.asText()));
    } catch (IOException e) {
      throw new IllegalArgumentException("bad member context in a conf change: " + e.getMessage());
    }
    return "{\"peerURLs\":" + JsonStrings.array(urls) + "}";
  }
}
