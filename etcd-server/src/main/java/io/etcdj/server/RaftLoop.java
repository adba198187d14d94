package io.etcdj.server;

import com.google.protobuf.ByteString;
import io.etcdj.raft.MemoryStorage;
import io.etcdj.raft.ProposalDroppedException;
import io.etcdj.raft.RawNode;
import io.etcdj.raft.Ready;
import io.etcdj.raft.SnapshotStatus;
import io.etcdj.raft.SoftState;
import io.etcdj.raft.Status;
import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.wal.Wal;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What drives raft (STYLE 3, DESIGN "Threads and ownership"), one round at a time: it ticks every
 * heartbeat interval, steps messages from peers, proposes everything queued since the last round
 * as one batch, and processes each {@link Ready} in the order raft requires: {@link #persist} ->
 * {@link #send} (a leader sends first, its fsync overlapping the followers') -> apply the snapshot
 * and committed entries ({@link ApplyScheduler}) -> advance.
 *
 * <p>Group commit: while one Ready is being fsynced, new proposals queue up; the next round drains
 * them all into one {@link RawNode#propose(List)} and so into one WAL write and one fsync.
 *
 * <p>The thread is the peer connections' event loop ({@code etcd-raft}, see PeerNetwork): a
 * message a peer sends is read, stepped, persisted and answered on one thread, and the messages
 * raft sends are written to their sockets directly, before a leader's fsync. Each hand-off between
 * threads costs a wake-up, which on a virtual machine is tens of microseconds of kernel time; a
 * replicated write used to make some twenty of them across a three-member cluster, about half of
 * them between this loop and the peer event loop (docs/benchmarks.md, session 4). The price: the
 * peer connections wait while the loop fsyncs, which raft would have waited for anyway before it
 * could act on what they bring. A member alone in its cluster has no peer to wait for: there a
 * lone writer's round runs on its own event loop (see {@link #propose}).
 *
 * <p>Thread-safety: {@link #propose}, {@link #receive}, {@link #execute} and the getters may be
 * called from any thread; they enqueue (and schedule a round, see {@link #propose}) or read
 * volatile fields. The {@link RawNode}, the {@link MemoryStorage} writes and the {@link Wal}
 * belong to the round in progress; {@link RoundQueue} admits one round at a time, whichever
 * threads run them.
 */
final class RaftLoop implements AutoCloseable {
  /** The apply stage: runs or queues one Ready's committed entries, in log order. */
  interface Apply {
    /**
     * @param moreToPersist the loop has proposals or messages waiting for its next round
     */
    void apply(Committed committed, boolean moreToPersist);
  }

  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");
  /** Queue items taken per round: bounds the work (and the WAL write) of one Ready. */
  private static final int MAX_BATCH = 4096;
  /** Queued by {@link #close} so that one more round runs and sees {@code running} false. */
  private static final Runnable STOP = () -> {};

  private final RawNode node;
  private final RaftDisk disk;
  private final PeerSender peers;
  private final Apply apply;
  private final Consumer<ConfChange> confChanged;
  private final long tickNanos;
  private final HeartbeatDeadline heartbeats;
  /** Everything queued for the next round; many threads add, the round takes. */
  private final RoundQueue inbox;
  /** The thread the loop runs on; it also serves the peer connections (see the class comment). */
  private final EventLoop executor;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
  private final List<Object> batch = new ArrayList<>();
  private final List<ByteString> proposals = new ArrayList<>();
  private final WaitingForLeader waitingForLeader;
  private final FirstElection firstElection;
  private ScheduledFuture<?> ticker;
  private ConfState confState;
  /** The configuration has one voter, this member: no round waits for a peer. */
  private volatile boolean alone;
  /** The last round that proposed anything proposed more than one entry. */
  private volatile boolean concurrentWriters;
  private volatile boolean running = true;
  private volatile boolean started;
  private final ObservedRaft observed;

  /**
   * @param apply runs or queues the apply step; it completes the conf change verdict of a {@link
   *     Committed} once applied
   * @param confChanged told, on the loop thread, of each conf change raft has just applied (the
   *     transport adds or removes the peer; it must not block)
   * @param confState the configuration the storage starts from (the snapshot's, or the bootstrap
   *     peers'); conf changes in committed entries update it
   * @param requestTimeoutMs how long a proposal made without a leader may wait for one
   */
  RaftLoop(
      RawNode node,
      MemoryStorage storage,
      Wal wal,
      Path snapDir,
      PeerSender peers,
      Apply apply,
      Consumer<ConfChange> confChanged,
      ConfState confState,
      long heartbeatMs,
      int electionTicks,
      long requestTimeoutMs,
      EventLoop executor) {
    this.node = node;
    this.disk = new RaftDisk(storage, wal, snapDir);
    this.peers = peers;
    this.apply = apply;
    this.confChanged = confChanged;
    setConfState(confState);
    this.tickNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMs);
    this.heartbeats = new HeartbeatDeadline(heartbeatMs);
    this.observed = new ObservedRaft(node.status().term());
    this.executor = executor;
    this.waitingForLeader = new WaitingForLeader(TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs));
    this.firstElection = new FirstElection(node, electionTicks);
    this.inbox = new RoundQueue(executor, this::round);
  }

  /**
   * Elects a single member at once, or brings the first election of several closer once their
   * connections are up ({@link FirstElection}), then ticks every heartbeat interval.
   *
   * @param activePeers how many other members' connections are active now (any thread), or null
   *     for a member of several to start ticking from zero ({@code
   *     --initial-election-tick-advance=false})
   */
  void start(IntSupplier activePeers) {
    started = true;
    executor.execute(
        () -> {
          try {
            drainReadies();
            firstElection.aloneElectsAtOnce(confState, observed.isLeader());
            drainReadies();
          } catch (IOException | RuntimeException e) {
            fail(e);
          }
          if (running) {
            // With a fixed delay, not a fixed rate: after a long pause (GC, a slow fsync) raft
            // ticks once, not once per missed interval.
            ticker =
                executor.scheduleWithFixedDelay(
                    () -> execute(node::tick), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
            if (activePeers != null && confState.getVotersCount() > 1) {
              FirstElection.awaitPeers(
                  executor,
                  activePeers,
                  () -> running,
                  active -> execute(() -> firstElection.advance(active, observed.lead())));
            }
          }
          inbox.roundDone();
        });
  }

  /**
   * Queues an encoded request; it joins the next round's batch, or waits there for a leader if
   * raft knows none ({@link WaitingForLeader}).
   *
   * <p>A member alone in its configuration commits a write as soon as it is fsynced, with no peer
   * to wait for. A lone writer's round then runs on its own event loop ({@code loneWriter}), after
   * the loop has handled everything it read, instead of on the loop thread: no wake-up of the raft
   * thread and none back, which on a small virtual machine were a quarter of a lone client's
   * write (docs/benchmarks.md, session 5). That event loop is busy for one fsync meanwhile, so the
   * proposer names it only when nothing else would wait ({@link Proposals#propose}), and it is
   * used only while writes come one at a time: the last round that proposed anything proposed one
   * entry. Concurrent writers go to the raft thread, whose fsync overlaps the event loops' work
   * and whose batches grow with the load (group commit).
   *
   * @param loneWriter the event loop of a writer that may run the round, or null
   */
  void propose(ByteString data, Executor loneWriter) {
    inbox.add(data, !concurrentWriters && alone ? loneWriter : null);
  }

  /**
   * Queues a membership change (CLU-030); raft refuses it while another is unapplied (CLU-031).
   * Without a leader raft drops it at once (RFT-008): {@code dropped} then runs on the loop thread,
   * so the proposer fails fast as etcd's does.
   */
  void proposeConfChange(ConfChange cc, Consumer<ProposalDroppedException> dropped) {
    execute(
        () -> {
          try {
            node.proposeConfChange(cc);
          } catch (ProposalDroppedException e) {
            LOG.debug("dropped conf change {}: {}", cc.getID(), e.getMessage());
            dropped.accept(e);
          }
        });
  }

  /**
   * Hands a message from a peer to the loop; it is stepped on the loop thread. A round scheduled
   * from the loop's own thread (a message its peer connections just read) runs once that event
   * loop iteration's reads are done, so everything read together is stepped, persisted and
   * answered together.
   */
  void receive(Message m) {
    inbox.add(m);
  }

  /** The transport could not deliver to {@code id} (RFT-015); stepped on the loop thread. */
  void reportUnreachable(long id) {
    execute(() -> node.reportUnreachable(id));
  }

  /** The outcome of sending a snapshot to {@code id} (RFT-013); stepped on the loop thread. */
  void reportSnapshot(long id, SnapshotStatus status) {
    execute(() -> node.reportSnapshot(id, status));
  }

  /** Runs {@code task} on the loop thread, between two rounds (it may use the WAL and storage). */
  void execute(Runnable task) {
    inbox.add(task);
  }

  /**
   * Raft's status (RFT-019, for {@code /debug/vars}), read on the loop thread between two steps,
   * as etcd's node answers {@code Status()} from its own goroutine. Fails at once when the loop
   * has stopped; a task queued as it stops is never run, so callers bound the wait.
   */
  CompletableFuture<Status> status() {
    CompletableFuture<Status> status = new CompletableFuture<>();
    if (!running) {
      status.completeExceptionally(new ServerStoppedException());
      return status;
    }
    execute(() -> status.complete(node.status()));
    return status;
  }

  /** What the rounds have learnt of raft: term, leader, commit index (any thread). */
  ObservedRaft observed() {
    return observed;
  }

  /** Readies that were fdatasynced, since start (to show group commit at work). */
  long fsyncs() {
    return disk.fsyncs();
  }

  /** Entries written to the WAL since start. */
  long persistedEntries() {
    return disk.persistedEntries();
  }

  /** The {@code .snap} file at {@code index} is durable: compacts on the loop thread (RaftDisk). */
  void snapshotSaved(long index, long term, ConfState snapConfState) {
    execute(
        () -> {
          try {
            disk.snapshotSaved(index, term, snapConfState);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /**
   * Completes with what stopped the loop when a round failed (a {@link FatalDiskError}, or a bug);
   * never on an orderly {@link #close}.
   */
  CompletableFuture<Throwable> failed() {
    return failed;
  }

  /**
   * One round: everything queued (up to {@link #MAX_BATCH}), then the Readies it produced. Runs on
   * the loop thread, or on a proposer's event loop (see {@link #propose}); never two at once.
   */
  private void round() {
    if (!running) {
      shutDown(); // the round never ends: nothing runs after this
      return;
    }
    try {
      inbox.drainTo(batch, MAX_BATCH);
      for (Object item : batch) {
        if (item instanceof ByteString data) {
          proposals.add(data);
        } else if (item instanceof Message m) {
          node.step(m);
        } else if (item instanceof Runnable task) {
          task.run();
        }
      }
      batch.clear();
      if (!proposals.isEmpty()) {
        proposeOrWait();
      }
      drainReadies();
      if (observed.lead() != 0 && !waitingForLeader.isEmpty()) {
        proposeOrWait(); // this round found a leader
        drainReadies();
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
    inbox.roundDone();
  }

  private void shutDown() {
    stopTicking();
    disk.close();
    stopped.complete(null);
  }

  /**
   * etcd exits here ({@code plog.Fatalf} for a failed write, a panic for anything else): a member
   * that cannot write its log must not go on acknowledging. The loop stops; {@link #failed()}
   * tells the member, which stops too.
   */
  private void fail(Exception e) {
    // A task queued on the loop (snapshotSaved) carries its IOException unchecked.
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (!(cause instanceof FatalDiskError)) {
      LOG.error("raft loop stopped: {}", e.toString(), e); // a bug: the stack trace helps
    }
    failed.complete(cause);
    running = false;
    batch.clear();
    proposals.clear();
    stopTicking();
    disk.close();
  }

  /** Proposes this round's requests after those that waited for a leader, or makes them wait. */
  private void proposeOrWait() {
    long now = SystemClock.nanoTime();
    if (observed.lead() == 0) {
      waitingForLeader.add(proposals, now);
    } else {
      int forgotten = waitingForLeader.releaseInto(proposals, now);
      if (forgotten > 0) {
        LOG.debug("forgot {} proposals that timed out waiting for a leader", forgotten);
      }
      concurrentWriters = proposals.size() > 1;
      propose(proposals);
    }
    proposals.clear();
  }

  private void propose(List<ByteString> proposals) {
    try {
      node.propose(proposals);
    } catch (ProposalDroppedException e) {
      // RFT-008: lost in a leader change between rounds; their clients time out (ERR-004).
      LOG.debug("dropped {} proposals: {}", proposals.size(), e.getMessage());
    }
  }

  private void drainReadies() throws IOException {
    while (node.hasReady()) {
      Ready rd = node.ready();
      noteSoftState(rd.softState());
      if (observed.isLeader()) {
        // Thesis §10.2.1, RFT-016: a leader's messages (appends, heartbeats) promise nothing about
        // its own disk, so they leave before its fsync and the followers write in parallel with
        // it. No entry can commit before this Ready is persisted: the followers' acknowledgements
        // are stepped by this same thread, after persist() returns.
        send(rd.messages());
        persist(rd);
      } else {
        // Step 1 before step 2: entries and votes must be durable before any message that
        // depends on them (a vote, an append acknowledgement) leaves this member.
        persist(rd);
        send(rd.messages());
      }
      // Step 3: committed entries are already durable (a single member commits what this very
      // Ready persisted). They are applied here when nothing else waits, else on the apply
      // thread while the next round persists (thesis §10.2.1); in log order either way.
      if (rd.snapshot() != null || !rd.committedEntries().isEmpty()) {
        if (rd.snapshot() != null) {
          setConfState(rd.snapshot().getMetadata().getConfState());
          observed.committed(rd.snapshot().getMetadata().getIndex());
        }
        if (!rd.committedEntries().isEmpty()) {
          observed.committed(
              rd.committedEntries().get(rd.committedEntries().size() - 1).getIndex());
        }
        boolean confChanges = Committed.hasConfChange(rd.committedEntries());
        CompletableFuture<List<ConfChange>> decided =
            confChanges ? new CompletableFuture<>() : null;
        apply.apply(
            new Committed(rd.snapshot(), rd.committedEntries(), confState, decided),
            !confChanges && !inbox.isEmpty());
        if (decided != null) {
          // As etcd's raft loop waits for the apply of a conf change: the apply step validated it
          // against the store (CLU-030); only now does it take effect in raft (RFT-010).
          applyConfChanges(awaitApplied(decided));
        }
      }
      // Step 4.
      node.advance(rd);
    }
  }

  /** Step 1: the Ready's snapshot, entries and hard state, durable (RaftDisk). */
  private void persist(Ready rd) throws IOException {
    disk.persist(rd);
    if (rd.hardState() != null) {
      observed.term(rd.hardState().getTerm());
    }
  }

  /** Step 2, a MsgSnap with its data mapped from its {@code .snap} file (RaftDisk). */
  private void send(List<Message> messages) throws IOException {
    if (messages.isEmpty()) {
      return;
    }
    List<Message> out = new ArrayList<>(messages.size());
    for (Message m : messages) {
      if (m.getType() == MessageType.MsgHeartbeat) {
        heartbeats.warnIfLate(m.getTo(), SystemClock.nanoTime()); // FLG-065
      }
      out.add(disk.withSnapshotData(m));
    }
    peers.send(out);
  }

  private void applyConfChanges(List<ConfChange> changes) {
    for (ConfChange cc : changes) {
      setConfState(node.applyConfChange(cc));
      if (cc.getNodeID() != 0) {
        confChanged.accept(cc);
      }
    }
  }

  /** Waits for the apply step's verdict on a Ready's conf changes, or for {@link #close}. */
  private List<ConfChange> awaitApplied(CompletableFuture<List<ConfChange>> decided)
      throws IOException {
    while (true) {
      try {
        return decided.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!running) {
          throw new IOException("stopped while a conf change was being applied");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while a conf change was being applied", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("conf change apply failed", e.getCause());
      }
    }
  }

  private void setConfState(ConfState cs) {
    confState = cs;
    alone = cs.getVotersCount() == 1 && cs.getVoters(0) == node.id();
  }

  private void noteSoftState(SoftState soft) {
    if (observed.note(soft)) {
      heartbeats.reset();
    }
  }

  /**
   * Stops after the round in progress: an fsync under way finishes, then the WAL is closed (SPEC:
   * SIGTERM). Waits up to 10 s for the loop; the peer transport, which shares its thread, must be
   * closed after this.
   */
  @Override
  public void close() {
    running = false;
    if (executor.isShuttingDown()) {
      return; // nothing runs on it any more; only a failed start gets here
    }
    if (!started) {
      shutDown(); // no round ever ran, and none will
      return;
    }
    inbox.add(STOP); // the next round, on the loop thread, closes the WAL
    try {
      stopped.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("the raft loop did not stop within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private void stopTicking() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }
}
