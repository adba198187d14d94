package io.etcdj.server;

import io.etcdj.store.EtcdException;
import io.etcdj.store.Event;
import io.etcdj.store.Store;
import io.etcdj.store.TtlOptions;

/**
 * Executes one committed request against the store (etcd's {@code applyV2Request}; SPEC
 * KEY-050..056). The raft work keeps this class: only what feeds it changes.
 *
 * <p>Thread-safety: confined to the one thread applying at a time (the raft loop or the apply
 * thread, see {@code ApplyScheduler}), the only writer of the store (STYLE 7).
 */
final class Applier {
  private final Store store;

  Applier(Store store) {
    this.store = store;
  }

  /**
   * @return the store's event; null for SYNC, which has no reply
   * @throws EtcdException the store's error for this request
   */
  Event apply(Request r) throws EtcdException {
    return switch (r.method()) {
      case POST -> store.create(r.path(), r.dir(), r.value(), true, ttl(r));
      case PUT -> put(r);
      case DELETE -> delete(r);
      case QGET, GET, HEAD -> store.get(r.path(), r.recursive(), r.sorted());
      case SYNC -> {
        store.deleteExpiredKeys(r.time());
        yield null;
      }
    };
  }

  /** KEY-052..055: prevExist decides first, then the compare values. */
  private Event put(Request r) throws EtcdException {
    TtlOptions ttl = ttl(r);
    if (r.prevExist() != null) {
      if (r.prevExist()) {
        if (r.prevIndex() == 0 && r.prevValue().isEmpty()) {
          return store.update(r.path(), r.value(), ttl);
        }
        return store.compareAndSwap(r.path(), r.prevValue(), r.prevIndex(), r.value(), ttl);
      }
      return store.create(r.path(), r.dir(), r.value(), false, ttl);
    }
    if (r.prevIndex() != 0 || !r.prevValue().isEmpty()) {
      return store.compareAndSwap(r.path(), r.prevValue(), r.prevIndex(), r.value(), ttl);
    }
    return store.set(r.path(), r.dir(), r.value(), ttl);
  }

  /** KEY-056: compare values make it a compareAndDelete, which ignores dir and recursive. */
  private Event delete(Request r) throws EtcdException {
    if (r.prevIndex() != 0 || !r.prevValue().isEmpty()) {
      return store.compareAndDelete(r.path(), r.prevValue(), r.prevIndex());
    }
    return store.delete(r.path(), r.dir(), r.recursive());
  }

  private static TtlOptions ttl(Request r) {
    boolean refresh = r.refresh() != null && r.refresh();
    if (r.expiration() == null && !refresh) {
      return TtlOptions.PERMANENT;
    }
    return new TtlOptions(r.expiration(), refresh);
  }
}
