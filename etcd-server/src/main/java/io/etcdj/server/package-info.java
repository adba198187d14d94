package io.etcdj.server;
