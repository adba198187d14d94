package io.etcdj.raft;
