/** Majority arithmetic over a configuration's voters: commit index and election outcome. */
package io.etcdj.raft.quorum;
