package io.etcdj.server.http.client;

import io.etcdj.server.EtcdServer;
import io.etcdj.server.auth.AuthException;
import io.etcdj.server.auth.AuthJson;
import io.etcdj.server.auth.AuthStore;
import io.etcdj.server.auth.Authorizer;
import io.etcdj.server.auth.Credentials;
import io.etcdj.server.auth.Role;
import io.etcdj.server.auth.User;
import io.etcdj.store.EtcdException;
import io.etcdj.store.V2Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v2/auth} (SPEC OTH-060..077): the enabled flag, users and roles. Each request is checked
 * for its method, then for root credentials (OTH-077; the flag's GET is free, OTH-064), then served
 * from {@link AuthStore}; changes answer once raft has applied them.
 *
 * <p>The rolling-upgrade 500 (OTH-061) cannot happen here: every member of this implementation
 * publishes cluster version 2.3.0, which has the auth capability.
 *
 * <p>Thread-safety: stateless apart from the shared server; one instance serves every channel.
 */
final class AuthHandler {
  static final String PREFIX = "/v2/auth";
  private static final Logger LOG = LoggerFactory.getLogger("etcdhttp");
  private static final String[] READ_WRITE = {"GET", "PUT", "DELETE"};

  private final EtcdServer server;
  private final AuthStore store;
  private final Authorizer authorizer;
  private final ClientCredentials credentials;

  private AuthHandler(EtcdServer server) {
    this.server = server;
    this.store = server.auth();
    this.authorizer = new Authorizer(store);
    this.credentials = new ClientCredentials(server.config().clientTls());
  }

  /** OTH-060: etcd's five patterns; anything else under /v2/auth is the mux's 404. */
  static void addRoutes(Map<String, Route> routes, EtcdServer server) {
    AuthHandler h = new AuthHandler(server);
    routes.put(PREFIX + "/roles", h::roles);
    routes.put(PREFIX + "/roles/", h::roles);
    routes.put(PREFIX + "/users", h::users);
    routes.put(PREFIX + "/users/", h::users);
    routes.put(PREFIX + "/enable", h::enable);
  }

  /** One request, copied out of Netty's buffer (it is released when the route returns). */
  private record Call(
      ChannelHandlerContext ctx, String method, Credentials credentials, byte[] body) {}

  private Call call(ChannelHandlerContext ctx, FullHttpRequest request) {
    return new Call(
        ctx,
        request.method().name(),
        credentials.of(ctx, request),
        ByteBufUtil.getBytes(request.content()));
  }

  private void enable(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    Call c = call(ctx, request);
    if (!allowMethod(c, READ_WRITE)) {
      return;
    }
    whenAllowed(
        c,
        authorizer.writeRootAccess(c.method, c.credentials),
        () -> {
          // etcd reads the flag here for every method (a get in the store statistics), and
          // enable/disable read it again.
          boolean enabled = store.enabled();
          return switch (c.method) {
            case "GET" -> completed(json(HttpResponseStatus.OK, "{\"enabled\":" + enabled + "}\n"));
            case "PUT" -> store.enable().thenApply(v -> empty());
            default -> store.disable().thenApply(v -> empty());
          };
        });
  }

  private void users(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    resource(
        call(ctx, request),
        path,
        () -> completed(allUsers()),
        name -> json(HttpResponseStatus.OK, userWithRoles(name, true) + "\n"),
        this::putUser,
        store::deleteUser);
  }

  private void roles(ChannelHandlerContext ctx, FullHttpRequest request, String path, String q) {
    resource(
        call(ctx, request),
        path,
        () -> completed(allRoles()),
        name -> json(HttpResponseStatus.OK, AuthJson.role(store.role(name)) + "\n"),
        this::putRole,
        store::deleteRole);
  }

  /** Reads one user or role; may throw an {@link AuthException}. */
  private interface Read<T> {
    FullHttpResponse apply(T arg) throws AuthException;
  }

  /**
   * The shape both {@code /v2/auth/users} and {@code /v2/auth/roles} share (OTH-060, OTH-077): the
   * collection answers GET only, one more path segment names an item (GET, PUT, DELETE), anything
   * deeper is a 400; all of it needs root while auth is enabled.
   */
  private void resource(
      Call c,
      String path,
      Action all,
      Read<String> one,
      BiFunction<Call, String, CompletableFuture<FullHttpResponse>> put,
      Function<String, CompletableFuture<Void>> delete) {
    String[] pieces = GoPath.clean(path.substring(PREFIX.length())).split("/", -1);
    if (pieces.length == 2) {
      if (allowMethod(c, "GET")) {
        whenAllowed(c, authorizer.rootAccess(c.credentials), all);
      }
      return;
    }
    if (pieces.length != 3) {
      send(c, HttpReplies.message(HttpResponseStatus.BAD_REQUEST, "Invalid path"));
      return;
    }
    String name = pieces[2];
    if (!allowMethod(c, READ_WRITE)) {
      return;
    }
    whenAllowed(
        c,
        authorizer.rootAccess(c.credentials),
        () ->
            switch (c.method) {
              case "GET" -> completed(one.apply(name));
              case "PUT" -> put.apply(c, name);
              default -> delete.apply(name).thenApply(v -> empty());
            });
  }

  private CompletableFuture<FullHttpResponse> putUser(Call c, String name) {
    User in;
    try {
      in = AuthJson.parseUser(c.body);
    } catch (AuthJson.InvalidJsonException e) {
      return completed(badRequest("Invalid JSON in request body."));
    }
    if (!in.name().equals(name)) {
      return completed(badRequest("User JSON name does not match the name in the URL"));
    }
    Function<User, FullHttpResponse> ok =
        u -> json(HttpResponseStatus.OK, AuthJson.user(u.withoutPassword()) + "\n");
    if (!in.hasGrantOrRevoke()) {
      if (in.hasRoles()) {
        // OTH-070: a create with roles answers 200, not 201, as etcd does.
        return store.createUser(in).thenApply(ok);
      }
      return store
          .createOrUpdateUser(in)
          .thenApply(
              o ->
                  json(
                      o.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                      AuthJson.user(o.user().withoutPassword()) + "\n"));
    }
    if (in.hasRoles()) {
      return completed(badRequest("User JSON contains both roles and grant/revoke"));
    }
    return store.updateUser(in).thenApply(ok);
  }

  /** OTH-075. */
  private CompletableFuture<FullHttpResponse> putRole(Call c, String name) {
    Role in;
    try {
      in = AuthJson.parseRole(c.body);
    } catch (AuthJson.InvalidJsonException e) {
      return completed(badRequest("Invalid JSON in request body."));
    }
    if (!in.name().equals(name)) {
      return completed(badRequest("Role JSON name does not match the name in the URL"));
    }
    if (in.changesNothing()) {
      return store
          .createRole(in)
          .thenApply(v -> json(HttpResponseStatus.CREATED, AuthJson.role(in) + "\n"));
    }
    if (!in.permissions().isEmpty()) {
      return completed(badRequest("Role JSON contains both permissions and grant/revoke"));
    }
    return store
        .updateRole(in)
        .thenApply(r -> json(HttpResponseStatus.OK, AuthJson.role(r) + "\n"));
  }

  /** OTH-067: every user with the roles that still exist; {@code null} when there are none. */
  private FullHttpResponse allUsers() throws AuthException {
    List<String> names = store.userNames();
    if (names.isEmpty()) {
      return json(HttpResponseStatus.OK, "{\"users\":null}\n");
    }
    List<String> users = new ArrayList<>();
    for (String name : names) {
      users.add(userWithRoles(name, false));
    }
    return json(HttpResponseStatus.OK, "{\"users\":[" + String.join(",", users) + "]}\n");
  }

  /** OTH-068 ({@code strict}: a missing role is a 404) and OTH-067 (it is skipped). */
  private String userWithRoles(String name, boolean strict) throws AuthException {
    User user = store.user(name);
    List<Role> roles = new ArrayList<>();
    for (String r : user.roles() == null ? List.<String>of() : user.roles()) {
      try {
        roles.add(store.role(r));
      } catch (AuthException e) {
        if (strict) {
          throw e;
        }
      }
    }
    return AuthJson.userWithRoles(user.name(), roles);
  }

  /** OTH-074. */
  private FullHttpResponse allRoles() throws AuthException {
    List<String> roles = new ArrayList<>();
    for (String name : store.roleNames()) {
      roles.add(AuthJson.role(store.role(name)));
    }
    return json(HttpResponseStatus.OK, "{\"roles\":[" + String.join(",", roles) + "]}\n");
  }

  /** What a request does once allowed; may throw for errors found before any write. */
  private interface Action {
    CompletableFuture<FullHttpResponse> run() throws AuthException;
  }

  /**
   * OTH-077: a 401 without the cluster header when {@code allowed} says no; otherwise runs the
   * action and answers with the cluster header, on the channel's event loop.
   */
  private void whenAllowed(Call c, CompletableFuture<Boolean> allowed, Action action) {
    allowed.whenCompleteAsync(
        (ok, error) -> {
          if (ok == null || !ok) {
            send(
                c,
                HttpReplies.message(HttpResponseStatus.UNAUTHORIZED, "Insufficient credentials"));
            return;
          }
          CompletableFuture<FullHttpResponse> response;
          try {
            response = action.run();
          } catch (AuthException e) {
            response = CompletableFuture.failedFuture(e);
          }
          response.whenCompleteAsync(
              (r, failure) -> {
                FullHttpResponse out = failure == null ? r : errorResponse(failure);
                out.headers().set(KeysHandler.CLUSTER_ID, server.clusterIdHex());
                out.headers().set("Content-Type", HttpReplies.JSON);
                send(c, out);
              },
              c.ctx.executor());
        },
        c.ctx.executor());
  }

  /** etcd's writeError: auth errors as messages, store errors as keys errors, else a 500. */
  private static FullHttpResponse errorResponse(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AuthException e) {
      return HttpReplies.message(HttpResponseStatus.valueOf(e.status()), e.getMessage());
    }
    if (cause instanceof EtcdException e) {
      FullHttpResponse r =
          HttpReplies.response(
              HttpResponseStatus.valueOf(e.error().httpStatus()),
              HttpReplies.JSON,
              new String(V2Json.writeError(e, ""), java.nio.charset.StandardCharsets.UTF_8));
      r.headers().set(KeysHandler.ETCD_INDEX, Long.toUnsignedString(e.index()));
      return r;
    }
    LOG.warn("unexpected v2 auth response error: {}", cause.toString());
    return HttpReplies.message(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  /** Go's allowMethod: a 405 listing the allowed methods. */
  private static boolean allowMethod(Call c, String... allowed) {
    for (String m : allowed) {
      if (m.equals(c.method)) {
        return true;
      }
    }
    send(c, HttpReplies.methodNotAllowed(allowed));
    return false;
  }

  private static void send(Call c, FullHttpResponse response) {
    HttpReplies.send(c.ctx, c.method.equals("HEAD"), response);
  }

  private static FullHttpResponse json(HttpResponseStatus status, String body) {
    return HttpReplies.response(status, HttpReplies.JSON, body);
  }

  private static FullHttpResponse empty() {
    return HttpReplies.response(HttpResponseStatus.OK, HttpReplies.JSON, "");
  }

  private static FullHttpResponse badRequest(String message) {
    return HttpReplies.message(HttpResponseStatus.BAD_REQUEST, message);
  }

  private static <T> CompletableFuture<T> completed(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
