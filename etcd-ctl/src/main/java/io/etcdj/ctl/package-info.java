package io.etcdj.ctl;
