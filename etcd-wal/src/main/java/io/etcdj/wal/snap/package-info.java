/**
 * Snapshot files ({@code member/snap/*.snap}); the format is specified in {@link io.etcdj.wal}'s
 * package documentation.
 */
package io.etcdj.wal.snap;
