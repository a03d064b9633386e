package org.gatehouse.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new, empty, uniquely named database on this machine's PostgreSQL (127.0.0.1:5432, trust
 * authentication, user postgres) or MariaDB (127.0.0.1:3306, root without password), dropped on close;
 * with what a Gatehouse node needs to use it (the environment of {@code server-config/<vendor>.asadmin}
 * and the Payara Micro arguments) and plain JDBC to look at what the node stored.
 */
public final class Database implements AutoCloseable {

    public enum Kind {
        POSTGRESQL("PostgreSQL", 5432, "jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres", "",
                "unused-with-trust-authentication", "postgresql"),
        MARIADB("MariaDB", 3306, "jdbc:mariadb://127.0.0.1:3306/", "", "root", "", "", "mariadb");

        /** What JDBC's {@code getDatabaseProductName()} says, which Gatehouse logs at start-up. */
        public final String productName;
        public final int port;
        private final String serverUrl;
        private final String administrationDatabase;
        private final String user;
        private final String password;
        private final String passwordForNodes;
        private final String vendor;

        Kind(String productName, int port, String serverUrl, String administrationDatabase, String user, String password,
                String passwordForNodes, String vendor) {
            this.productName = productName;
            this.port = port;
            this.serverUrl = serverUrl;
            this.administrationDatabase = administrationDatabase;
            this.user = user;
            this.password = password;
            this.passwordForNodes = passwordForNodes;
            this.vendor = vendor;
        }
    }

    public final Kind kind;
    public final String name;

    private Database(Kind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public static Database create(Kind kind) {
        var database = new Database(kind, "gatehouse_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        database.administer("CREATE DATABASE " + database.name);
        return database;
    }

    /** The environment {@code server-config/<vendor>.asadmin} reads, for a node connecting directly. */
    public Map<String, String> environment() {
        return environment(kind.port);
    }

    /** The same, for a node reaching the database through a proxy on {@code port}. */
    public Map<String, String> environment(int port) {
        return Map.of("GATEHOUSE_DB_HOST", "127.0.0.1", "GATEHOUSE_DB_PORT", Integer.toString(port),
                "GATEHOUSE_DB_NAME", name, "GATEHOUSE_DB_USER", kind.user, "GATEHOUSE_DB_PASSWORD", kind.passwordForNodes);
    }

    /** The JDBC driver and the post-boot commands that point {@code jdbc/__default} at this database. */
    public List<String> payaraArguments() {
        return List.of("--addlibs", "target/" + kind.vendor + ".jar",
                "--postbootcommandfile", "server-config/" + kind.vendor + ".asadmin");
    }

    /** Every row of a query, each as its columns' values as strings (null stays null), in column order. */
    public List<List<String>> rows(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(kind.serverUrl + name, kind.user, kind.password);
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                var rows = new ArrayList<List<String>>();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind + " " + name + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    public long count(String sql, Object... parameters) {
        return Long.parseLong(rows(sql, parameters).get(0).get(0));
    }

    @Override
    public void close() {
        administer(kind == Kind.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name);
    }

    private void administer(String sql) {
        try (var connection = DriverManager.getConnection(kind.serverUrl + kind.administrationDatabase, kind.user, kind.password);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(kind + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
