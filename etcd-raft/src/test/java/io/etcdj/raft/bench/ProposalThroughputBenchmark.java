package io.etcdj.raft.bench;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Proposal-to-commit throughput of a 3-member in-memory cluster: proposals per second from
 * {@code propose} on the leader until the leader applies them. {@code batch} proposals arrive
 * between two Ready rounds, as concurrent clients' requests do in a server loop; they travel
 * in shared appends up to MaxSizePerMsg (1 MiB) with up to 512 appends in flight.
 *
 * <p>Run: {@code mvn -B -pl etcd-raft -Pbench verify} (see the module README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProposalThroughputBenchmark {
  static final int PROPOSALS = 4096;

  @Param({"1", "64", "512"})
  public int batch;

  @Param({"128"})
  public int payloadBytes;

  /** "single": one propose call per entry; "list": one call for the whole batch. */
  @Param({"single", "list"})
  public String api;

  private BenchCluster cluster;
  private ByteString payload;
  private List<ByteString> payloads;

  @Setup(Level.Trial)
  public void setUp() {
    cluster = new BenchCluster(3);
    payload = ByteString.copyFrom(new byte[payloadBytes]);
    payloads = Collections.nCopies(batch, payload);
  }

  @Benchmark
  @OperationsPerInvocation(PROPOSALS)
  public long proposeAndCommit() {
    long target = cluster.leaderApplied() + PROPOSALS;
    int proposed = 0;
    while (cluster.leaderApplied() < target) {
      int n = Math.min(batch, PROPOSALS - proposed);
      if (api.equals("list")) {
        cluster.leader().propose(n == batch ? payloads : payloads.subList(0, n));
      } else {
        for (int i = 0; i < n; i++) {
          cluster.leader().propose(payload);
        }
      }
      proposed += n;
      cluster.round();
    }
    return cluster.leaderApplied();
  }
}
