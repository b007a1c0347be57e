package io.k3j.wizard;

import java.util.List;

/** Whether the datastore exists already or k3j-install sets it up: the answer to {@link Keys#DATASTORE_MODE}. */
final class DatastoreMode {
    static final String EXISTING = "existing";
    static final String PROVISION = "provision";
    static final List<String> CHOICES = List.of(PROVISION, EXISTING);

    private DatastoreMode() {
    }
}
