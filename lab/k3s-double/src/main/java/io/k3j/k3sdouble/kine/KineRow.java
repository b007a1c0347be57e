package io.k3j.k3sdouble.kine;

/** One revision of one key: the row's id is the revision, {@code createRevision} the key's first. */
public record KineRow(long revision, String name, long createRevision, byte[] value) {
}
