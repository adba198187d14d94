package io.etcdj.raft;

import com.google.protobuf.ByteString;

/** Why a node campaigns; a transfer campaign may disturb a leader lease (thesis §3.10). */
enum CampaignType {
  /** A pre-vote round that does not bump the term (thesis §9.6). */
  PRE_ELECTION,
  /** A normal election (Raft §5.2). */
  ELECTION,
  /** An election ordered by the leader with MsgTimeoutNow (leadership transfer). */
  TRANSFER;

  /** The vote request context etcd uses to mark a transfer campaign, byte for byte. */
  static final ByteString TRANSFER_CONTEXT = ByteString.copyFromUtf8("CampaignTransfer");
}
