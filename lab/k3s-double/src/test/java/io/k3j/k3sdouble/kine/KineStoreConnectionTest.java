package io.k3j.k3sdouble.kine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

class KineStoreConnectionTest {

    @Test
    void aConnectionExceptionOrSqlStateClass08MeansTheConnectionIsGone() {
        // MariaDB Connector/J after a server restart; pgjdbc's "An I/O error occurred while sending to the backend."
        assertThat(KineStore.isConnectionLost(new SQLNonTransientConnectionException("(conn=7) Socket error", "HY000"))).isTrue();
        assertThat(KineStore.isConnectionLost(new SQLException("An I/O error occurred while sending to the backend.", "08006"))).isTrue();
    }

    @Test
    void otherFailuresLeaveTheConnectionInUse() {
        assertThat(KineStore.isConnectionLost(new SQLIntegrityConstraintViolationException("Duplicate entry", "23000"))).isFalse();
        assertThat(KineStore.isConnectionLost(new SQLException("relation \"kine\" does not exist", "42P01"))).isFalse();
        assertThat(KineStore.isConnectionLost(new SQLException("no state"))).isFalse();
    }
}
