package io.etcdj.store;

import static io.etcdj.store.Keys.PERMANENT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code /v2/stats/store} counters and their quirks (SPEC OTH-044, OTH-045, KEY-190). */
class StoreStatsTest {
  private final Keys k = new Keys();

  /**
   * The same requests as a session recorded against etcd 3.4.23 give the same counters, except
   * getsFail, which etcd bumps per HTTP request from its auth lookup (the server's job). Quirks:
   * root-read-only failures of update, CAS and delete, and update of a dir with a value, count as
   * successes; a create failing on its path walk counts as a failed set too.
   */
  @Test
  void countersMatchTheReference() throws Exception {
    k.store.create("/0/members/1/raftAttributes", false, "{}", false, PERMANENT);
    k.store.set("/0/members/1/attributes", false, "{}", PERMANENT);
    k.store.set("/0/version", false, "3.4.0", PERMANENT);
    k.set("/s", "1");
    k.run(s -> s.delete("/1/s", false, false));
    k.set("/x", "1");
    k.run(s -> s.update("/1", "x", PERMANENT));
    k.run(s -> s.compareAndSwap("/1", "a", 0, "x", PERMANENT));
    k.run(s -> s.delete("/1", true, false));
    k.mkdir("/dd");
    k.run(s -> s.update("/1/dd", "x", PERMANENT));
    k.run(s -> s.create("/1/x", false, "1", true, PERMANENT));
    k.run(s -> s.create("/1/x/y", false, "1", false, PERMANENT));
    assertThat(k.stats())
        .isEqualTo(
            "{\"getsSuccess\":0,\"getsFail\":0,\"setsSuccess\":5,\"setsFail\":2,"
                + "\"deleteSuccess\":2,\"deleteFail\":0,\"updateSuccess\":2,\"updateFail\":0,"
                + "\"createSuccess\":1,\"createFail\":2,\"compareAndSwapSuccess\":1,"
                + "\"compareAndSwapFail\":0,\"compareAndDeleteSuccess\":0,"
                + "\"compareAndDeleteFail\":0,\"expireCount\":0,\"watchers\":0}");
  }

  /** Gets count per result; CAD failures on a dir or a compare count as successes (quirk). */
  @Test
  void getAndCompareAndDeleteCounters() throws Exception {
    k.set("/f", "v");
    k.mkdir("/d");
    k.get("/f");
    k.get("/nope");
    k.run(s -> s.compareAndDelete("/1/d", "x", 0));
    k.run(s -> s.compareAndDelete("/1/f", "x", 0));
    k.run(s -> s.compareAndDelete("/1/nope", "x", 0));
    k.run(s -> s.compareAndSwap("/1/f", "x", 0, "y", PERMANENT));
    k.run(s -> s.update("/1/nope", "x", PERMANENT));
    k.run(s -> s.delete("/1/nope", false, false));
    k.store.watch("/1/w", false, false, 0, e -> {});
    assertThat(k.stats())
        .isEqualTo(
            "{\"getsSuccess\":1,\"getsFail\":1,\"setsSuccess\":2,\"setsFail\":0,"
                + "\"deleteSuccess\":0,\"deleteFail\":1,\"updateSuccess\":0,\"updateFail\":1,"
                + "\"createSuccess\":0,\"createFail\":0,\"compareAndSwapSuccess\":0,"
                + "\"compareAndSwapFail\":1,\"compareAndDeleteSuccess\":2,"
                + "\"compareAndDeleteFail\":1,\"expireCount\":0,\"watchers\":1}");
  }

  /** The member's own reads (peek) count nowhere, found or not, file on the way or not. */
  @Test
  void peekCountsInNoStatistic() throws Exception {
    k.set("/f", "v");
    String before = k.stats();
    assertThat(k.store.peek("/1/f", false, false).value()).isEqualTo("v");
    assertThat(k.store.peek("/1/nope", false, false)).isNull();
    assertThat(k.store.peek("/1/f/under-a-file", false, false)).isNull();
    assertThat(k.store.peek("/1", true, true).nodes()).hasSize(1);
    assertThat(k.stats()).isEqualTo(before);
  }

  /**
   * KEY-190: the auth check's read of one value counts as a get, a miss (absent, or a file on the
   * way) as a failed one, without an exception on the way.
   */
  @Test
  void getValueCountsAsAGet() throws Exception {
    k.set("/f", "v");
    k.store.set("/1/d", true, "", TtlOptions.PERMANENT);
    assertThat(k.store.getValue("/1/f")).isEqualTo("v");
    assertThat(k.store.getValue("/1/d")).isNull();
    assertThat(k.store.getValue("/1/nope")).isNull();
    assertThat(k.store.getValue("/1/f/under-a-file")).isNull();
    assertThat(k.stats()).startsWith("{\"getsSuccess\":2,\"getsFail\":2,");
  }
}
