/**
 * The etcd v2 store: a tree of keys and directories with TTLs, a watcher hub and a 1000-event
 * history (SPEC section 1.5 to 1.12), etcd's HTTP JSON ({@link io.etcdj.store.V2Json}) and its
 * snapshot JSON (SPEC PER-045..048).
 *
 * <p>Store paths are internal paths: user keys live under {@code /1} (so {@code /v2/keys/foo} is
 * {@code /1/foo}), membership under {@code /0}, v2 auth under {@code /2} (SPEC KEY-005, KEY-006).
 * The HTTP layer adds the {@code /1} prefix and {@link io.etcdj.store.V2Json} strips it.
 *
 * <p>Layout: {@link io.etcdj.store.Store} is the thread-safe facade (one read-write lock, etcd's
 * worldLock) over {@code StoreState}, which holds the state and etcd's operations on it. The tree
 * is {@code NodeTree} of compact {@code Node}s whose directories keep their children in an
 * open-addressing {@code ChildTable}; TTLs are in the {@code TtlKeyHeap}; watchers and history in
 * {@code WatcherHub} and {@code EventHistory}; counters in {@code StoreStats}. Snapshots are
 * copy-on-write: {@link io.etcdj.store.Store#snapshotView()} freezes the tree in O(1) and a {@link
 * io.etcdj.store.StoreSnapshot} is serialized on any thread while writes go on.
 *
 * <p>Thread-safety: {@link io.etcdj.store.Store} is safe for concurrent use; writes are meant to
 * come from one apply thread, reads may come from any thread; watch listeners run on the writing
 * thread.
 */
package io.etcdj.store;
