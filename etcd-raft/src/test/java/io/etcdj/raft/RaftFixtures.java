package io.etcdj.raft;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import java.util.ArrayList;
import java.util.List;

/** Helpers for tests that drive a single {@link Raft} directly, as etcd's raft tests do. */
final class RaftFixtures {
  private RaftFixtures() {}

  /** A raft over {@code storage} whose configuration holds {@code peers}. */
  static Raft newRaft(long id, int election, int heartbeat, MemoryStorage storage, long... peers) {
    return newRaft(config(id, election, heartbeat, storage), peers);
  }

  static RaftConfig config(long id, int election, int heartbeat, MemoryStorage storage) {
    return RaftConfig.defaults(id, storage).withTicks(election, heartbeat);
  }

  static Raft newRaft(RaftConfig config, long... peers) {
    Raft r = new Raft(config);
    for (long p : peers) {
      r.prs.addVoter(p, 0, r.raftLog.lastIndex() + 1, false);
    }
    r.becomeFollower(r.term, Raft.NONE);
    return r;
  }

  /** Takes the messages raft queued so far. */
  static List<Message> readMessages(Raft r) {
    List<Message> msgs = r.msgs;
    r.msgs = new ArrayList<>();
    return msgs;
  }

  static Entry entry(long index, long term) {
    return Entry.newBuilder().setIndex(index).setTerm(term).setType(EntryType.EntryNormal).build();
  }

  static Entry entry(long index, long term, String data) {
    return Entry.newBuilder().setIndex(index).setTerm(term).setType(EntryType.EntryNormal)
        .setData(com.google.protobuf.ByteString.copyFromUtf8(data)).build();
  }

  /** Entries 1..n with the given terms. */
  static List<Entry> entriesWithTerms(long... terms) {
    List<Entry> list = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      list.add(entry(i + 1, terms[i]));
    }
    return list;
  }

  static MemoryStorage storageWithTerms(long... terms) {
    MemoryStorage s = new MemoryStorage();
    s.append(entriesWithTerms(terms));
    return s;
  }

  static Message msg(MessageType type, long from, long to, long term) {
    return Message.newBuilder().setType(type).setFrom(from).setTo(to).setTerm(term).build();
  }

  static Message propose(long to, String data) {
    return Message.newBuilder().setType(MessageType.MsgProp).setFrom(to).setTo(to)
        .addEntries(Entry.newBuilder().setData(com.google.protobuf.ByteString.copyFromUtf8(data)))
        .build();
  }

  static Message hup(long id) {
    return Message.newBuilder().setType(MessageType.MsgHup).setFrom(id).setTo(id).build();
  }

  static void tickTimes(Raft r, int n) {
    for (int i = 0; i < n; i++) {
      r.tick();
    }
  }

  /** Makes {@code r} leader of a cluster whose other members all grant their votes. */
  static void electLeader(Raft r) {
    r.becomeCandidate();
    r.becomeLeader();
    readMessages(r);
  }
}
