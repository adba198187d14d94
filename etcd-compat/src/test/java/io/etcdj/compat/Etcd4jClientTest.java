package io.etcdj.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mousio.etcd4j.EtcdClient;
import mousio.etcd4j.promises.EtcdResponsePromise;
import mousio.etcd4j.requests.EtcdKeyRequest;
import mousio.etcd4j.responses.EtcdException;
import mousio.etcd4j.responses.EtcdKeyAction;
import mousio.etcd4j.responses.EtcdKeysResponse;
import mousio.etcd4j.responses.EtcdKeysResponse.EtcdNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd4j (org.mousio), a v2 client library for Java written against etcd 2.x, used unchanged
 * against a member run from the server's jar: the requests it sends, and its parsing of our
 * answers, headers and errors
 * (SPEC KEY-040..044, KEY-051, KEY-180, ERR-001, OTH-010, OTH-040, OTH-044). Each test works under its own
 * directory, so their order does not matter.
 *
 * <p>{@code -Detcdj.compat.endpoint=http://127.0.0.1:2379} runs the same tests against a member
 * already running there (started with {@code --name etcd4j}), such as the reference etcd, to
 * check what they expect: against etcd 3.4 all but {@link #versionIsEtcd23} pass.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Etcd4jClientTest {
  private static final String NAME = "etcd4j";
  private static final long WAIT_SECONDS = 20;

  @TempDir static Path dataDir;
  private static JarMember member;
  private static EtcdClient etcd;

  @BeforeAll
  static void start() throws Exception {
    String endpoint = System.getProperty("etcdj.compat.endpoint");
    if (endpoint == null) {
      member = JarMember.start(NAME, dataDir, Duration.ofSeconds(60));
      endpoint = member.clientUrl();
    }
    etcd = new EtcdClient(URI.create(endpoint));
  }

  @AfterAll
  static void stop() throws Exception {
    etcd.close();
    if (member != null) {
      member.close();
    }
  }

  private static EtcdKeysResponse send(EtcdKeyRequest request) throws Exception {
    request.timeout(WAIT_SECONDS, TimeUnit.SECONDS);
    return answer(request.send());
  }

  /**
   * The answer of a request sent earlier. Not etcd4j's own {@code get()}: when the answer is
   * already in but etcd4j's listener has not yet recorded it (the listener runs on its event
   * loop), {@code get()} skips waiting and throws {@code IOException(null)}, a race in the library
   * that a watch answered while the test sends more requests can hit on a busy machine. The
   * Netty promise etcd4j completes holds the answer without that race.
   */
  private static <T> T answer(EtcdResponsePromise<T> promise) throws Exception {
    Promise<T> answer = promise.getNettyPromise();
    if (!answer.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("no answer within " + WAIT_SECONDS + " s");
    }
    if (answer.isCancelled() && promise.getNettyPromise() != answer) {
      return answer(promise); // etcd4j sent the request again (a retry or a redirect)
    }
    if (answer.isSuccess()) {
      return answer.getNow();
    }
    if (answer.cause() instanceof Exception failure) {
      throw failure;
    }
    throw new ExecutionException(answer.cause());
  }

  private static EtcdException refused(EtcdKeyRequest request) {
    return catchThrowableOfType(EtcdException.class, () -> send(request));
  }

  /** The one test that fails against etcd 3.4 by design: we are etcd 2.3 (OTH-010). */
  @Test
  void versionIsEtcd23() throws Exception {
    assertThat(etcd.version().getServer()).startsWith("2.3.");
    assertThat(etcd.version().getCluster()).startsWith("2.3.");
  }

  @Test
  void healthAndStats() throws Exception {
    assertThat(etcd.getHealth().getHealth()).isEqualTo("true");
    assertThat(etcd.getSelfStats().getName()).isEqualTo(NAME);
    assertThat(etcd.getSelfStats().getState()).isEqualTo("StateLeader");
    send(etcd.put("/stats/k", "v"));
    assertThat(etcd.getStoreStats().setsSuccess()).isPositive();
    assertThat(etcd.getLeaderStats()).isNotNull();
    assertThat(etcd.getMembers().getMembers())
        .singleElement()
        .satisfies(m -> assertThat(m.getName()).isEqualTo(NAME));
  }

  @Test
  void setThenGetWithIndexesAndHeaders() throws Exception {
    EtcdKeysResponse first = send(etcd.put("/set/a", "1"));
    assertThat(first.action).isEqualTo(EtcdKeyAction.set);
    assertThat(first.node.key).isEqualTo("/set/a");
    assertThat(first.node.value).isEqualTo("1");
    assertThat(first.node.createdIndex).isEqualTo(first.node.modifiedIndex);
    assertThat(first.prevNode).isNull();
    assertThat(first.etcdIndex).isEqualTo(first.node.modifiedIndex);
    assertThat(first.raftIndex).isGreaterThanOrEqualTo(first.etcdIndex);
    assertThat(first.raftTerm).isPositive();
    assertThat(first.etcdClusterId).isNotEmpty();

    EtcdKeysResponse second = send(etcd.put("/set/a", "2"));
    assertThat(second.prevNode.value).isEqualTo("1");
    // A set replaces the node: created anew, as in etcd.
    assertThat(second.node.createdIndex).isEqualTo(second.node.modifiedIndex);
    assertThat(second.node.modifiedIndex).isGreaterThan(first.node.modifiedIndex);

    EtcdKeysResponse got = send(etcd.get("/set/a"));
    assertThat(got.action).isEqualTo(EtcdKeyAction.get);
    assertThat(got.node.value).isEqualTo("2");
    // etcd 0.4's "consistent" parameter, which etcd4j still sends: v2 ignores it.
    assertThat(send(etcd.get("/set/a").consistent()).node.value).isEqualTo("2");
  }

  @Test
  void missingKeyIsEtcdsError() throws Exception {
    long index = send(etcd.put("/missing/other", "x")).etcdIndex;
    EtcdException e = refused(etcd.get("/missing/key"));
    assertThat(e.errorCode).isEqualTo(100);
    assertThat(e.etcdMessage).isEqualTo("Key not found");
    assertThat(e.etcdCause).isEqualTo("/missing/key");
    assertThat(e.index).isGreaterThanOrEqualTo(index);
  }

  @Test
  void ttlAndRefresh() throws Exception {
    EtcdKeysResponse set = send(etcd.put("/ttl/k", "x").ttl(60));
    assertThat(set.node.ttl).isEqualTo(60L);
    assertThat(set.node.expiration).isNotNull();
    EtcdKeysResponse refreshed = send(etcd.refresh("/ttl/k", 120));
    assertThat(refreshed.node.ttl).isEqualTo(120L);
    assertThat(refreshed.node.value).isEqualTo("x");
    assertThat(send(etcd.get("/ttl/k")).node.ttl).isBetween(1L, 120L);
  }

  @Test
  void compareAndSwapAndCompareAndDelete() throws Exception {
    send(etcd.put("/cas/k", "1"));
    EtcdKeysResponse swapped = send(etcd.put("/cas/k", "2").prevValue("1"));
    assertThat(swapped.action).isEqualTo(EtcdKeyAction.compareAndSwap);

    EtcdException failed = refused(etcd.put("/cas/k", "3").prevValue("nope"));
    assertThat(failed.errorCode).isEqualTo(101);
    assertThat(failed.etcdMessage).isEqualTo("Compare failed");
    assertThat(failed.etcdCause).isEqualTo("[nope != 2]");

    EtcdKeysResponse byIndex =
        send(etcd.put("/cas/k", "3").prevIndex(swapped.node.modifiedIndex));
    assertThat(byIndex.node.value).isEqualTo("3");
    assertThat(refused(etcd.put("/cas/k", "4").prevIndex(1)).errorCode).isEqualTo(101);

    EtcdKeysResponse deleted = send(etcd.delete("/cas/k").prevValue("3"));
    assertThat(deleted.action).isEqualTo(EtcdKeyAction.compareAndDelete);
    assertThat(deleted.prevNode.value).isEqualTo("3");
  }

  @Test
  void createOnlyAndUpdateOnly() throws Exception {
    assertThat(send(etcd.put("/once/k", "1").prevExist(false)).action)
        .isEqualTo(EtcdKeyAction.create);
    EtcdException exists = refused(etcd.put("/once/k", "2").prevExist(false));
    assertThat(exists.errorCode).isEqualTo(105);
    assertThat(exists.etcdMessage).isEqualTo("Key already exists");

    assertThat(send(etcd.put("/once/k", "2").prevExist()).action).isEqualTo(EtcdKeyAction.update);
    assertThat(refused(etcd.put("/once/absent", "x").prevExist()).errorCode).isEqualTo(100);
  }

  @Test
  void directories() throws Exception {
    assertThat(send(etcd.putDir("/dirs/d")).node.dir).isTrue();
    send(etcd.put("/dirs/d/b", "2"));
    send(etcd.put("/dirs/d/a", "1"));
    send(etcd.put("/dirs/d/sub/c", "3"));

    EtcdNode listed = send(etcd.getDir("/dirs/d").recursive().sorted()).node;
    assertThat(listed.dir).isTrue();
    assertThat(listed.nodes).extracting(n -> n.key)
        .containsExactly("/dirs/d/a", "/dirs/d/b", "/dirs/d/sub");
    assertThat(listed.nodes.get(2).nodes).extracting(n -> n.value).containsExactly("3");

    EtcdException notEmpty = refused(etcd.deleteDir("/dirs/d"));
    assertThat(notEmpty.errorCode).isEqualTo(108);
    assertThat(notEmpty.etcdMessage).isEqualTo("Directory not empty");
    assertThat(refused(etcd.put("/dirs/d", "x")).errorCode).isEqualTo(102);

    assertThat(send(etcd.deleteDir("/dirs/d").recursive()).action).isEqualTo(EtcdKeyAction.delete);
    assertThat(refused(etcd.getDir("/dirs/d")).errorCode).isEqualTo(100);
    assertThat(send(etcd.getAll()).node.nodes).extracting(n -> n.key).contains("/dirs");
  }

  @Test
  void inOrderKeys() throws Exception {
    EtcdKeysResponse first = send(etcd.post("/queue", "job1"));
    EtcdKeysResponse second = send(etcd.post("/queue", "job2"));
    assertThat(first.action).isEqualTo(EtcdKeyAction.create);
    assertThat(first.node.key).startsWith("/queue/");
    assertThat(second.node.key).isGreaterThan(first.node.key);
    List<EtcdNode> queue = send(etcd.getDir("/queue").sorted()).node.nodes;
    assertThat(queue).extracting(n -> n.value).containsExactly("job1", "job2");
  }

  @Test
  void watchesFromAnIndex() throws Exception {
    long next = send(etcd.put("/watch/start", "x")).etcdIndex + 1;
    // Watches from an index see the change whichever arrives first, the watch or the write.
    EtcdResponsePromise<EtcdKeysResponse> key =
        etcd.get("/watch/k").waitForChange(next).timeout(WAIT_SECONDS, TimeUnit.SECONDS).send();
    EtcdResponsePromise<EtcdKeysResponse> dir =
        etcd.getDir("/watch/d").recursive().waitForChange(next).timeout(WAIT_SECONDS, TimeUnit.SECONDS).send();
    send(etcd.put("/watch/k", "changed"));
    send(etcd.put("/watch/d/child", "c"));

    EtcdKeysResponse keyEvent = answer(key);
    assertThat(keyEvent.action).isEqualTo(EtcdKeyAction.set);
    assertThat(keyEvent.node.value).isEqualTo("changed");
    EtcdKeysResponse dirEvent = answer(dir);
    assertThat(dirEvent.node.key).isEqualTo("/watch/d/child");
    assertThat(dirEvent.node.modifiedIndex).isGreaterThan(keyEvent.node.modifiedIndex);

    EtcdKeysResponse deleted = send(etcd.delete("/watch/k"));
    EtcdKeysResponse replay =
        send(etcd.get("/watch/k").waitForChange(deleted.node.modifiedIndex));
    assertThat(replay.action).isEqualTo(EtcdKeyAction.delete);
    assertThat(replay.prevNode.value).isEqualTo("changed");
  }
}
