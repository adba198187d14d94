package io.etcdj.ctl.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The v2 auth API {@code /v2/auth} (OTH-060..077) as etcdctl uses it: enable/disable, users and
 * roles. Error answers become an {@link ApiError} carrying the server's {@code message}.
 *
 * <p>Thread-safe (stateless over a thread-safe {@link ClusterClient}).
 */
public final class AuthApi {
  private static final String PREFIX = "/v2/auth";
  private static final String JSON = "application/json";
  private final ClusterClient client;

  public AuthApi(ClusterClient client) {
    this.client = client;
  }

  /** The kind of key permission a role grant or revoke changes. */
  public enum Permission {
    /** read only */
    READ,
    /** write only */
    WRITE,
    /** read and write */
    READ_WRITE
  }

  public void enable(boolean on, Deadline d) throws EtcdClientException, InterruptedException {
    HttpAnswer a = send(on ? "PUT" : "DELETE", PREFIX + "/enable", null, d);
    failUnless(a, 200, 201);
  }

  public List<String> listUsers(Deadline d) throws EtcdClientException, InterruptedException {
    HttpAnswer a =
        client.send(new HttpAction("GET", PREFIX + "/users", Map.of(), null, JSON, false), d);
    failUnless(a, 200);
    List<String> out = new ArrayList<>();
    JsonNode users = parse(a).get("users");
    if (users != null && users.isArray()) {
      users.forEach(u -> out.add(Json.text(u, "user")));
    }
    return out;
  }

  public void addUser(String user, String password, Deadline d)
      throws EtcdClientException, InterruptedException {
    String body = userJson(user, password, null, null);
    failUnless(send("PUT", userPath(user), body, d), 200, 201);
  }

  public void removeUser(String user, Deadline d) throws EtcdClientException, InterruptedException {
    failUnless(send("DELETE", userPath(user), null, d), 200, 201);
  }

  /** The user's role names. */
  public List<String> getUser(String user, Deadline d)
      throws EtcdClientException, InterruptedException {
    return userRoles(modUser("GET", user, null, d));
  }

  public void grantUser(String user, List<String> roles, Deadline d)
      throws EtcdClientException, InterruptedException {
    modUser("PUT", user, userJson(user, null, roles, null), d);
  }

  public void revokeUser(String user, List<String> roles, Deadline d)
      throws EtcdClientException, InterruptedException {
    modUser("PUT", user, userJson(user, null, null, roles), d);
  }

  public void changePassword(String user, String password, Deadline d)
      throws EtcdClientException, InterruptedException {
    modUser("PUT", user, userJson(user, password, null, null), d);
  }

  private JsonNode modUser(String method, String user, String body, Deadline d)
      throws EtcdClientException, InterruptedException {
    HttpAnswer a = send(method, userPath(user), body, d);
    failUnless(a, 200);
    return parse(a);
  }

  /**
   * The role names of a user answer. Q: when the server sends full role objects (3.4, OTH-068),
   * etcdctl's client first decodes them as strings, which leaves one empty name per role, and then
   * appends the real names; {@code user get} therefore prints extra spaces (CTL-070). Kept as is.
   */
  private static List<String> userRoles(JsonNode u) {
    List<String> roles = new ArrayList<>();
    JsonNode rs = u.get("roles");
    if (rs == null || !rs.isArray()) {
      return roles;
    }
    boolean objects = false;
    for (JsonNode r : rs) {
      objects |= r.isObject();
    }
    if (!objects) {
      rs.forEach(r -> roles.add(r.asText()));
      return roles;
    }
    rs.forEach(r -> roles.add(""));
    rs.forEach(r -> roles.add(Json.text(r, "role")));
    return roles;
  }

  public List<String> listRoles(Deadline d) throws EtcdClientException, InterruptedException {
    HttpAnswer a = client.send(HttpAction.get(PREFIX + "/roles"), d);
    MembersApi.expect(a, 200);
    List<String> out = new ArrayList<>();
    JsonNode roles = parse(a).get("roles");
    if (roles != null && roles.isArray()) {
      roles.forEach(r -> out.add(Json.text(r, "role")));
    }
    return out;
  }

  public void addRole(String role, Deadline d) throws EtcdClientException, InterruptedException {
    String body =
        "{\"role\":"
            + GoText.jsonString(role)
            + ",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}}}";
    failUnless(send("PUT", rolePath(role), body, d), 200, 201);
  }

  public void removeRole(String role, Deadline d) throws EtcdClientException, InterruptedException {
    failUnless(send("DELETE", rolePath(role), null, d), 200, 201);
  }

  public Role getRole(String role, Deadline d) throws EtcdClientException, InterruptedException {
    return modRole("GET", role, null, d);
  }

  /** Grants ({@code grant} true) or revokes one key pattern; returns the updated role. */
  public Role changeRole(String role, boolean grant, String path, Permission p, Deadline d)
      throws EtcdClientException, InterruptedException {
    String read = p == Permission.WRITE ? "null" : Json.quoteList(List.of(path));
    String write = p == Permission.READ ? "null" : Json.quoteList(List.of(path));
    String body =
        "{\"role\":"
            + GoText.jsonString(role)
            + ",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}},\""
            + (grant ? "grant" : "revoke")
            + "\":{\"kv\":{\"read\":"
            + read
            + ",\"write\":"
            + write
            + "}}}";
    return modRole("PUT", role, body, d);
  }

  private Role modRole(String method, String role, String body, Deadline d)
      throws EtcdClientException, InterruptedException {
    HttpAnswer a = send(method, rolePath(role), body, d);
    failUnless(a, 200);
    JsonNode r = parse(a);
    JsonNode kv = r.path("permissions").path("kv");
    return new Role(Json.text(r, "role"), listOrNull(kv.get("read")), listOrNull(kv.get("write")));
  }

  private static List<String> listOrNull(JsonNode n) {
    if (n == null || !n.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private HttpAnswer send(String method, String path, String body, Deadline d)
      throws EtcdClientException, InterruptedException {
    return client.send(
        new HttpAction(method, path, Map.of(), body, body == null ? null : JSON, false), d);
  }

  /** A non-wanted status becomes the server's {@code message} as the error (CTL-070..072). */
  private static void failUnless(HttpAnswer a, int... wanted) throws ApiError {
    for (int w : wanted) {
      if (a.status() == w) {
        return;
      }
    }
    throw new ApiError(Json.errorMessage(a.body(), "authError"));
  }

  private static JsonNode parse(HttpAnswer a) throws ApiError {
    return Json.unmarshal(a.body());
  }

  private static String userPath(String user) {
    return GoText.cleanPath(PREFIX + "/users/" + user);
  }

  private static String rolePath(String role) {
    return GoText.cleanPath(PREFIX + "/roles/" + role);
  }

  private static String userJson(
      String user, String password, List<String> grant, List<String> revoke) {
    StringBuilder s = new StringBuilder("{\"user\":").append(GoText.jsonString(user));
    if (password != null && !password.isEmpty()) {
      s.append(",\"password\":").append(GoText.jsonString(password));
    }
    s.append(",\"roles\":null");
    if (grant != null && !grant.isEmpty()) {
      s.append(",\"grant\":").append(Json.quoteList(grant));
    }
    if (revoke != null && !revoke.isEmpty()) {
      s.append(",\"revoke\":").append(Json.quoteList(revoke));
    }
    return s.append('}').toString();
  }
}
