package io.etcdj.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of {@code /v2/stats/store} (SPEC OTH-044, OTH-045, KEY-190), in etcd's JSON field
 * order. They are part of the snapshot, so they survive a recovery.
 *
 * <p>Thread-safety: get counters are {@link LongAdder}s because reads run concurrently under the
 * store read lock; every other counter is written only under the store write lock and read under
 * its read lock. {@code watchers} keeps the count last reported, as etcd saves it.
 */
final class StoreStats {
  /** The JSON names, in output order; {@link #values()} follows the same order. */
  static final String[] NAMES = {
    "getsSuccess",
    "getsFail",
    "setsSuccess",
    "setsFail",
    "deleteSuccess",
    "deleteFail",
    "updateSuccess",
    "updateFail",
    "createSuccess",
    "createFail",
    "compareAndSwapSuccess",
    "compareAndSwapFail",
    "compareAndDeleteSuccess",
    "compareAndDeleteFail",
    "expireCount",
    "watchers"
  };

  final LongAdder getSuccess = new LongAdder();
  final LongAdder getFail = new LongAdder();
  long setSuccess;
  long setFail;
  long deleteSuccess;
  long deleteFail;
  long updateSuccess;
  long updateFail;
  long createSuccess;
  long createFail;
  long compareAndSwapSuccess;
  long compareAndSwapFail;
  long compareAndDeleteSuccess;
  long compareAndDeleteFail;
  long expireCount;
  volatile long watchers;

  long[] values() {
    return new long[] {
      getSuccess.sum(),
      getFail.sum(),
      setSuccess,
      setFail,
      deleteSuccess,
      deleteFail,
      updateSuccess,
      updateFail,
      createSuccess,
      createFail,
      compareAndSwapSuccess,
      compareAndSwapFail,
      compareAndDeleteSuccess,
      compareAndDeleteFail,
      expireCount,
      watchers
    };
  }

  /** Sets the counter named as in {@link #NAMES}; unknown names are ignored. */
  void set(String name, long v) {
    switch (name) {
      case "getsSuccess" -> {
        getSuccess.reset();
        getSuccess.add(v);
      }
      case "getsFail" -> {
        getFail.reset();
        getFail.add(v);
      }
      case "setsSuccess" -> setSuccess = v;
      case "setsFail" -> setFail = v;
      case "deleteSuccess" -> deleteSuccess = v;
      case "deleteFail" -> deleteFail = v;
      case "updateSuccess" -> updateSuccess = v;
      case "updateFail" -> updateFail = v;
      case "createSuccess" -> createSuccess = v;
      case "createFail" -> createFail = v;
      case "compareAndSwapSuccess" -> compareAndSwapSuccess = v;
      case "compareAndSwapFail" -> compareAndSwapFail = v;
      case "compareAndDeleteSuccess" -> compareAndDeleteSuccess = v;
      case "compareAndDeleteFail" -> compareAndDeleteFail = v;
      case "expireCount" -> expireCount = v;
      case "watchers" -> watchers = v;
      default -> {}
    }
  }

  /** Writes the stats object; JSON numbers are unsigned 64-bit in etcd. */
  static void writeTo(JsonOutput out, long[] values) throws java.io.IOException {
    out.raw('{');
    for (int i = 0; i < NAMES.length; i++) {
      if (i > 0) {
        out.raw(',');
      }
      out.raw('"').ascii(NAMES[i]).raw('"').raw(':').unsigned(values[i]);
    }
    out.raw('}');
  }
}
