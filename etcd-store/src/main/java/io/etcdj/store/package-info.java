/**
 * The etcd v2 store: a tree of keys and directories with TTLs, a watcher hub and a 1000-event
 * history (SPEC section 1.5 to 1.12).
 *
 * <p>Store paths are internal paths: user keys live under {@code /1} (so {@code /v2/keys/foo} is
 * {@code /1/foo}), membership under {@code /0}, v2 auth under {@code /2} (SPEC KEY-005, KEY-006).
 * The HTTP layer adds and strips the {@code /1} prefix.
 *
 * <p>Thread-safety: {@link io.etcdj.store.Store} is safe for concurrent use; writes are meant to
 * come from one apply thread, reads may come from any thread.
 */
package io.etcdj.store;
