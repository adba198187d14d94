/**
 * Durable raft storage in etcd's on-disk formats: the write-ahead log ({@link io.etcdj.wal.Wal})
 * and, in {@code io.etcdj.wal.snap}, the snapshot files. Files written here can be read by etcd and
 * the other way round (SPEC section 6).
 *
 * <h2>Directory</h2>
 *
 * {@code <data-dir>/member/wal/%016x-%016x.wal}: segment sequence number, then the raft index of
 * the first entry the segment may hold ({@link io.etcdj.wal.SegmentName}, PER-010). Sequence
 * numbers are contiguous from 0; a reader starting at snapshot index I begins at the last segment
 * whose index is at most I (PER-011). {@code 0.tmp}/{@code 1.tmp} are segments being prepared;
 * {@code *.broken} are copies kept by a repair.
 *
 * <h2>Segment</h2>
 *
 * A segment is preallocated with zeros to 64,000,000 bytes (PER-012) and holds a sequence of
 * frames, then zeros. A segment ends at EOF or at a zero length word. The last segment written
 * before a cut is truncated at its last frame. Every segment starts with a crc record, the metadata
 * record, and then a snapshot marker (first segment) or the last hard state (later segments, if
 * there is one) (PER-013, PER-021).
 *
 * <h2>Frame ({@code WalEncoder}, {@code WalDecoder})</h2>
 *
 * <pre>
 *   8 bytes  length word, little-endian:
 *              bits 0..55  n = length of the record bytes
 *              bits 56..63 0 if n % 8 == 0, else 0x80 | p with p = 8 - n % 8
 *   n bytes  walpb.Record {type int64 = 1, crc uint32 = 2, data bytes = 3}
 *   p bytes  zero padding, so every frame starts 8-byte aligned
 * </pre>
 *
 * Example: a 4-byte record is framed by {@code 04 00 00 00 00 00 00 84} and 4 zeros (PER-015).
 * Records of 10 MiB or more are refused (PER-029).
 *
 * <h2>Record types (PER-017)</h2>
 *
 * 1 metadata ({@code etcdserverpb.Metadata}), 2 entry ({@code raftpb.Entry}), 3 state ({@code
 * raftpb.HardState}), 4 crc (no data), 5 snapshot ({@code walpb.Snapshot{index, term}}). Payloads
 * are marshalled as etcd does: every non-nullable field written, even when zero (PER-069).
 *
 * <h2>Checksum (PER-018..020)</h2>
 *
 * CRC-32C (Castagnoli), rolling: a record's crc is the CRC of the data of every record since the
 * chain started, i.e. the previous record's crc continued over this record's data ({@link
 * io.etcdj.wal.Crc32c}). A crc record does not advance the chain; it carries its current value into
 * a new segment, so the chain runs across segments (the first segment's crc record holds 0). A
 * reader checks a crc record against its running value unless that is 0 (it started mid-chain) and
 * then continues from the record's value.
 *
 * <h2>Damage (PER-026..028)</h2>
 *
 * Only the last segment can hold an interrupted write. A frame there that ends before EOF, or whose
 * record fails to decode or to match its crc while some 512-byte sector of it is all zeros, or that
 * ends in zeros followed by nothing but zeros, is a torn tail: {@code WalRepair} copies the segment
 * to {@code <name>.broken} and truncates it after the last complete frame. Anything else (a bad crc
 * before the tail, an unknown record type, a gap in the sequence, conflicting metadata) is refused
 * with a {@link io.etcdj.wal.WalCorruptException} naming the file and offset.
 *
 * <h2>Snapshot files ({@code io.etcdj.wal.snap}, PER-042..044)</h2>
 *
 * {@code <data-dir>/member/snap/%016x-%016x.snap} = term, index; content {@code snappb.Snapshot{crc
 * uint32 = 1, data bytes = 2}} with data a marshalled {@code raftpb.Snapshot} and crc its CRC-32C
 * from 0.
 */
package io.etcdj.wal;
