package io.k3j.plan;

import java.util.Optional;

/** What is on the hosts now, for a plan that shows each file as new, changed (with a diff) or unchanged. */
public interface CurrentFiles {

    /** The file's current content on {@code host}, or empty when it does not exist. */
    Optional<String> read(String host, String path);
}
