package io.etcdj.store;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Test fixture: a store laid out as etcd's ({@code /0}, {@code /1}) on a fake clock, with the
 * results rendered as the HTTP JSON clients see ({@code /1} trimmed).
 */
final class Keys {
  static final TtlOptions PERMANENT = TtlOptions.PERMANENT;

  /** One store operation. */
  interface Op {
    Event apply(Store s) throws EtcdException;
  }

  final FakeClock clock = new FakeClock();
  final Store store = new Store(clock, "/0", "/1");

  /** The event JSON of a successful op, or the error JSON of a failed one. */
  String run(Op op) {
    try {
      return json(op.apply(store));
    } catch (EtcdException e) {
      return new String(V2Json.writeError(e, "/1"), UTF_8);
    }
  }

  static String json(Event e) {
    return new String(V2Json.writeEvent(e, "/1"), UTF_8);
  }

  TtlOptions ttl(long seconds) {
    return new TtlOptions(clock.instant().plusSeconds(seconds), false);
  }

  TtlOptions refresh(long seconds) {
    return new TtlOptions(clock.instant().plusSeconds(seconds), true);
  }

  String set(String key, String value) {
    return run(s -> s.set("/1" + key, false, value, PERMANENT));
  }

  String mkdir(String key) {
    return run(s -> s.set("/1" + key, true, "", PERMANENT));
  }

  String get(String key) {
    return run(s -> s.get("/1" + key, false, false));
  }

  String getAll(String key) {
    return run(s -> s.get("/1" + key, true, true));
  }

  String stats() {
    return new String(store.jsonStats(), UTF_8);
  }
}
