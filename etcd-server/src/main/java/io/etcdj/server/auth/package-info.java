/**
 * etcd 2.3's v2 auth (SPEC OTH-060..081): users, roles, the enabled flag, and who may do what.
 *
 * <p>The state is kept in the v2 store, outside the keys space ({@code /v2/keys} maps to {@code
 * /1}), in etcd's layout, so snapshots and WALs carry it exactly as etcd's do (OTH-062):
 *
 * <ul>
 *   <li>{@code /2} (directory), made with {@code /2/users/}, {@code /2/roles/} and {@code
 *       /2/enabled=false} before a member's first auth write, each only if missing;
 *   <li>{@code /2/enabled}: the JSON literal {@code true} or {@code false};
 *   <li>{@code /2/users/<name>}: {@code {"user":..,"password":<bcrypt hash, cost 10>,"roles":[..]
 *       or null}};
 *   <li>{@code /2/roles/<name>}: {@code {"role":..,"permissions":{"kv":{"read":[..] or
 *       null,"write":[..] or null}}}} (plus {@code grant}/{@code revoke} objects if a create
 *       sent empty ones, as etcd stores the body as sent).
 * </ul>
 *
 * <p>Role {@code root} is never stored. {@link io.etcdj.server.auth.AuthStore} reads and changes
 * this state, {@link io.etcdj.server.auth.Authorizer} decides requests with it; the HTTP side is
 * {@code io.etcdj.server.http.client.AuthHandler}.
 */
package io.etcdj.server.auth;
