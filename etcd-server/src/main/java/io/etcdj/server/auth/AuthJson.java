package io.etcdj.server.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.store.V2Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON of users and roles, read and written as Go's {@code encoding/json} does with etcd's
 * structs (SPEC OTH-062, OTH-067..075): field names matched case-insensitively, unknown fields
 * ignored, {@code null} leaving a field at its zero value, a wrongly typed field an error, only the
 * first value of a body read; output in struct order with {@code omitempty} where etcd has it and
 * Go's string escaping.
 *
 * <p>Thread-safety: stateless.
 */
public final class AuthJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder().build())
          .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private AuthJson() {}

  /** Thrown for a body that is not JSON or has a field of the wrong type. */
  public static final class InvalidJsonException extends Exception {
    InvalidJsonException(String message) {
      super(message, null, false, false);
    }
  }

  /** A user from a PUT body or from its stored value. */
  public static User parseUser(byte[] json) throws InvalidJsonException {
    JsonNode root = parse(json);
    String name = "";
    String password = "";
    List<String> roles = null;
    List<String> grant = null;
    List<String> revoke = null;
    if (root != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = f.getValue();
        switch (f.getKey().toLowerCase(java.util.Locale.ROOT)) {
          case "user" -> name = string(v, name);
          case "password" -> password = string(v, password);
          case "roles" -> roles = strings(v, roles);
          case "grant" -> grant = strings(v, grant);
          case "revoke" -> revoke = strings(v, revoke);
          default -> {}
        }
      }
    }
    return new User(name, password, roles, grant, revoke);
  }

  /** A role from a PUT body or from its stored value. */
  public static Role parseRole(byte[] json) throws InvalidJsonException {
    JsonNode root = parse(json);
    String name = "";
    Permissions permissions = Permissions.NONE;
    Permissions grant = null;
    Permissions revoke = null;
    if (root != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode v = f.getValue();
        switch (f.getKey().toLowerCase(java.util.Locale.ROOT)) {
          case "role" -> name = string(v, name);
          case "permissions" -> permissions = permissions(v, permissions);
            // A pointer in etcd's struct: null leaves it nil, an object allocates it.
          case "grant" -> grant = v.isNull() ? grant : permissions(v, Permissions.NONE);
          case "revoke" -> revoke = v.isNull() ? revoke : permissions(v, Permissions.NONE);
          default -> {}
        }
      }
    }
    return new Role(name, permissions, grant, revoke);
  }

  /** The first JSON value of {@code json}; null for a JSON {@code null}. */
  private static JsonNode parse(byte[] json) throws InvalidJsonException {
    JsonNode root;
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      root = MAPPER.readTree(p);
    } catch (JsonProcessingException e) {
      throw new InvalidJsonException(e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidJsonException(e.toString());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidJsonException("EOF");
    }
    if (root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      throw new InvalidJsonException("cannot unmarshal " + root.getNodeType() + " into an object");
    }
    return root;
  }

  private static Permissions permissions(JsonNode v, Permissions current)
      throws InvalidJsonException {
    if (v.isNull()) {
      return current;
    }
    if (!v.isObject()) {
      throw new InvalidJsonException("permissions must be an object");
    }
    List<String> read = current.read();
    List<String> write = current.write();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getKey().equalsIgnoreCase("kv") || f.getValue().isNull()) {
        continue;
      }
      if (!f.getValue().isObject()) {
        throw new InvalidJsonException("kv must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> kv = f.getValue().fields(); kv.hasNext(); ) {
        Map.Entry<String, JsonNode> rw = kv.next();
        if (rw.getKey().equalsIgnoreCase("read")) {
          read = strings(rw.getValue(), read);
        } else if (rw.getKey().equalsIgnoreCase("write")) {
          write = strings(rw.getValue(), write);
        }
      }
    }
    return new Permissions(read, write);
  }

  private static String string(JsonNode v, String current) throws InvalidJsonException {
    if (v.isNull()) {
      return current;
    }
    if (!v.isTextual()) {
      throw new InvalidJsonException("cannot unmarshal " + v.getNodeType() + " into a string");
    }
    return v.textValue();
  }

  /** A JSON null makes the slice nil, as Go does. */
  private static List<String> strings(JsonNode v, List<String> current)
      throws InvalidJsonException {
    if (v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidJsonException("cannot unmarshal " + v.getNodeType() + " into []string");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      out.add(string(e, ""));
    }
    return out;
  }

  /** A stored user, or a PUT answer: {@code password} omitted when empty. */
  public static String user(User u) {
    StringBuilder b = new StringBuilder("{\"user\":").append(V2Json.quote(u.name()));
    if (!u.password().isEmpty()) {
      b.append(",\"password\":").append(V2Json.quote(u.password()));
    }
    b.append(",\"roles\":");
    list(b, u.roles());
    if (u.grant() != null && !u.grant().isEmpty()) {
      b.append(",\"grant\":");
      list(b, u.grant());
    }
    if (u.revoke() != null && !u.revoke().isEmpty()) {
      b.append(",\"revoke\":");
      list(b, u.revoke());
    }
    return b.append('}').toString();
  }

  /** OTH-067, OTH-068: a user with its role objects; {@code roles} omitted when there are none. */
  public static String userWithRoles(String name, List<Role> roles) {
    StringBuilder b = new StringBuilder("{\"user\":").append(V2Json.quote(name));
    if (!roles.isEmpty()) {
      b.append(",\"roles\":[");
      for (int i = 0; i < roles.size(); i++) {
        b.append(i == 0 ? "" : ",").append(role(roles.get(i)));
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  /** OTH-074: a role; {@code grant} and {@code revoke} only when present. */
  public static String role(Role r) {
    StringBuilder b = new StringBuilder("{\"role\":").append(V2Json.quote(r.name()));
    b.append(",\"permissions\":");
    permissions(b, r.permissions());
    if (r.grant() != null) {
      b.append(",\"grant\":");
      permissions(b, r.grant());
    }
    if (r.revoke() != null) {
      b.append(",\"revoke\":");
      permissions(b, r.revoke());
    }
    return b.append('}').toString();
  }

  private static void permissions(StringBuilder b, Permissions p) {
    b.append("{\"kv\":{\"read\":");
    list(b, p.read());
    b.append(",\"write\":");
    list(b, p.write());
    b.append("}}");
  }

  private static void list(StringBuilder b, List<String> values) {
    b.append(values == null ? "null" : V2Json.quoteArray(values));
  }
}
