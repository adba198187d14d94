package io.etcdj.wal;
