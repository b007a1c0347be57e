package io.k3j.k3sdouble.api;

import java.sql.SQLException;

/** A datastore call from the API: its failure is the apiserver's 500 InternalError, with the datastore's words. */
final class Storage {

    interface Call<T> {
        T call() throws SQLException;
    }

    private Storage() {
    }

    static <T> T call(Call<T> call) throws ApiError {
        try {
            return call.call();
        } catch (SQLException e) {
            throw ApiError.internal(e.getMessage());
        }
    }
}
