package io.etcdj.ctl.client;

import java.util.List;

/**
 * A v2 auth role (OTH-074): key patterns it may read and write; a list is null when the server sent
 * {@code null}, which matters when comparing before and after a grant (CTL-071).
 */
public record Role(String name, List<String> read, List<String> write) {}
