package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The members API {@code /v2/members} (OTH-020..031) as etcdctl uses it.
 *
 * <p>Thread-safe (stateless over a thread-safe {@link ClusterClient}).
 */
public final class MembersApi {
  private static final String PREFIX = "/v2/members";
  private final ClusterClient client;

  public MembersApi(ClusterClient client) {
    this.client = client;
  }

  public List<Member> list(Deadline deadline) throws EtcdClientException, InterruptedException {
    HttpAnswer a = client.send(HttpAction.get(PREFIX), deadline);
    expect(a, 200);
    JsonNode root = Json.unmarshal(a.body());
    if (!root.isObject() && !root.isNull()) {
      // what Go's client decodes the list into
      throw new ApiError(
          "json: cannot unmarshal "
              + Json.goKind(root)
              + " into Go value of type struct { Members []client.Member }");
    }
    List<Member> out = new ArrayList<>();
    JsonNode ms = root.get("members");
    if (ms != null && ms.isArray()) {
      ms.forEach(m -> out.add(member(m)));
    }
    return out;
  }

  public Member leader(Deadline deadline) throws EtcdClientException, InterruptedException {
    HttpAnswer a = client.send(HttpAction.get(PREFIX + "/leader"), deadline);
    expect(a, 200);
    return member(Json.unmarshal(a.body()));
  }

  /** POSTs a new member; a 409 answer becomes its {@code message}. */
  public Member add(String peerUrl, Deadline deadline)
      throws EtcdClientException, InterruptedException {
    String body = "{\"peerURLs\":" + Json.quoteList(PeerUrls.validate(List.of(peerUrl))) + "}";
    HttpAnswer a =
        client.send(
            new HttpAction("POST", PREFIX, Map.of(), body, "application/json", false), deadline);
    expect(a, 201, 409);
    if (a.status() == 409) {
      throw new ApiError(messageOf(a));
    }
    return member(Json.unmarshal(a.body()));
  }

  public void update(String id, List<String> peerUrls, Deadline deadline)
      throws EtcdClientException, InterruptedException {
    String body = "{\"peerURLs\":" + Json.quoteList(PeerUrls.validate(peerUrls)) + "}";
    HttpAnswer a =
        client.send(
            new HttpAction("PUT", PREFIX + "/" + id, Map.of(), body, "application/json", false),
            deadline);
    expect(a, 204, 404, 409);
    if (a.status() != 204) {
      throw new ApiError(messageOf(a));
    }
  }

  public void remove(String id, Deadline deadline)
      throws EtcdClientException, InterruptedException {
    HttpAnswer a =
        client.send(
            new HttpAction("DELETE", PREFIX + "/" + id, Map.of(), null, null, false), deadline);
    expect(a, 204, 410);
  }

  private static String messageOf(HttpAnswer a) throws ApiError {
    return Json.errorMessage(a.body(), "membersError");
  }

  static void expect(HttpAnswer a, int... wanted) throws ApiError {
    for (int w : wanted) {
      if (a.status() == w) {
        return;
      }
    }
    throw new ApiError("unexpected status code " + a.status());
  }

  private static Member member(JsonNode m) {
    return new Member(
        Json.text(m, "id"),
        Json.text(m, "name"),
        Json.strings(m, "peerURLs"),
        Json.strings(m, "clientURLs"));
  }
}
