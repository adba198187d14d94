package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys API {@code /v2/keys} with the exact requests etcd's Go client sends (CTL-010): GETs
 * always carry {@code quorum, recursive, sorted}; writes send {@code value} and {@code ttl} in a
 * form body and the conditions in the query.
 *
 * <p>Thread-safe (stateless over a thread-safe {@link ClusterClient}).
 */
public final class KeysApi {
  private static final String PREFIX = "/v2/keys";
  private static final String FORM = "application/x-www-form-urlencoded";
  private final ClusterClient client;

  public KeysApi(ClusterClient client) {
    this.client = client;
  }

  /** Options of a PUT; {@code prevExist} is null to leave it out. */
  public record SetOptions(
      String prevValue, long prevIndex, Boolean prevExist, long ttlSeconds, boolean dir) {}

  /** Options of a DELETE. */
  public record DeleteOptions(String prevValue, long prevIndex, boolean dir, boolean recursive) {}

  public KeyResponse get(String key, boolean recursive, boolean sorted, boolean quorum, Deadline d)
      throws EtcdClientException, InterruptedException {
    Map<String, String> q = new HashMap<>();
    q.put("recursive", Boolean.toString(recursive));
    q.put("sorted", Boolean.toString(sorted));
    q.put("quorum", Boolean.toString(quorum));
    return call(new HttpAction("GET", keyPath(key), q, null, null, false), d);
  }

  public KeyResponse set(String key, String value, SetOptions o, Deadline d)
      throws EtcdClientException, InterruptedException {
    Map<String, String> q = new HashMap<>();
    Map<String, String> form = new LinkedHashMap<>();
    if (o.dir()) {
      q.put("dir", "true");
    } else {
      if (!o.prevValue().isEmpty()) {
        q.put("prevValue", o.prevValue());
      }
      form.put("value", value);
    }
    if (o.prevIndex() != 0) {
      q.put("prevIndex", Long.toUnsignedString(o.prevIndex()));
    }
    if (o.prevExist() != null) {
      q.put("prevExist", o.prevExist().toString());
    }
    if (o.ttlSeconds() > 0) {
      form.put("ttl", Long.toString(o.ttlSeconds()));
    }
    return call(new HttpAction("PUT", keyPath(key), q, GoText.encodeForm(form), FORM, false), d);
  }

  /** POST under directory {@code dir}: an in-order key (KEY-051). */
  public KeyResponse createInOrder(String dir, String value, long ttlSeconds, Deadline d)
      throws EtcdClientException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("value", value);
    if (ttlSeconds > 0) {
      form.put("ttl", Long.toString(ttlSeconds));
    }
    return call(
        new HttpAction("POST", keyPath(dir), Map.of(), GoText.encodeForm(form), FORM, false), d);
  }

  public KeyResponse delete(String key, DeleteOptions o, Deadline d)
      throws EtcdClientException, InterruptedException {
    Map<String, String> q = new HashMap<>();
    if (!o.prevValue().isEmpty()) {
      q.put("prevValue", o.prevValue());
    }
    if (o.prevIndex() != 0) {
      q.put("prevIndex", Long.toUnsignedString(o.prevIndex()));
    }
    if (o.dir()) {
      q.put("dir", "true");
    }
    if (o.recursive()) {
      q.put("recursive", "true");
    }
    return call(new HttpAction("DELETE", keyPath(key), q, null, FORM, false), d);
  }

  /**
   * One long-poll wait (CTL-010). Returns null when the server ended the poll with an empty body,
   * which the caller simply retries.
   */
  public KeyResponse waitOnce(String key, long waitIndex, boolean recursive)
      throws EtcdClientException, InterruptedException {
    Map<String, String> q = new HashMap<>();
    q.put("wait", "true");
    q.put("waitIndex", Long.toUnsignedString(waitIndex));
    q.put("recursive", Boolean.toString(recursive));
    HttpAnswer a =
        client.send(new HttpAction("GET", keyPath(key), q, null, null, true), Deadline.none());
    if ((a.status() == 200 || a.status() == 201) && a.body().isEmpty()) {
      return null;
    }
    return decode(a);
  }

  private KeyResponse call(HttpAction action, Deadline d)
      throws EtcdClientException, InterruptedException {
    return decode(client.send(action, d));
  }

  /** The request path for {@code key}, cleaned like the Go client (trailing slash kept). */
  static String keyPath(String key) {
    if (!key.isEmpty() && key.charAt(0) != '/') {
      key = "/" + key;
    }
    return GoText.canonicalUrlPath(PREFIX + key);
  }

  private static KeyResponse decode(HttpAnswer a) throws EtcdClientException {
    if (a.status() == 200 || a.status() == 201) {
      if (a.body().isEmpty()) {
        throw new ApiError("client: response body is empty");
      }
      JsonNode root = parse(a.body());
      long index = 0;
      if (a.etcdIndex() != null && !a.etcdIndex().isEmpty()) {
        try {
          index = Long.parseUnsignedLong(a.etcdIndex());
        } catch (NumberFormatException e) {
          throw new ApiError(
              "strconv.ParseUint: parsing " + GoText.quote(a.etcdIndex()) + ": invalid syntax");
        }
      }
      KeyNode node = node(root.get("node"));
      return new KeyResponse(
          Json.text(root, "action"),
          node == null ? new KeyNode("", false, "", null, 0, 0, null, 0) : node,
          node(root.get("prevNode")),
          index);
    }
    throw KeyErrorDecoder.decode(a.body());
  }

  private static JsonNode parse(String body) throws ApiError {
    return Json.parse(body, KeyErrorDecoder.INVALID_JSON);
  }

  private static KeyNode node(JsonNode n) {
    if (n == null || n.isNull() || !n.isObject()) {
      return null;
    }
    List<KeyNode> children = null;
    JsonNode ns = n.get("nodes");
    if (ns != null && ns.isArray()) {
      children = new ArrayList<>();
      for (JsonNode c : ns) {
        children.add(node(c));
      }
    }
    JsonNode exp = n.get("expiration");
    return new KeyNode(
        Json.text(n, "key"),
        n.path("dir").asBoolean(false),
        Json.text(n, "value"),
        children,
        n.path("createdIndex").asLong(),
        n.path("modifiedIndex").asLong(),
        exp == null || exp.isNull() ? null : exp.asText(),
        n.path("ttl").asLong());
  }
}
