package org.gatehouse.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.gatehouse.appsettings.ConfigurationException;

/**
 * Creates and upgrades Gatehouse's schema at start-up, never dropping anything. Scripts are
 * {@code db/<vendor>/V<n>.sql}, applied in order once each and recorded in {@code GH_SCHEMA_VERSION}.
 * Nodes starting together take a database lock first (PostgreSQL advisory lock, MariaDB GET_LOCK), so
 * one migrates and the others find it done. Statements are written to be repeatable
 * ({@code IF NOT EXISTS}) because MariaDB commits DDL implicitly: a script interrupted there is run again
 * whole. Chosen over Flyway/Liquibase, whose dependencies (Jackson, Gson, …) would clash with the
 * application server's own copies in a WAR that must deploy unchanged.
 */
@ApplicationScoped
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final long LOCK_ID = 0x6761746568L; // "gateh"

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            var vendor = Vendor.of(metadata.getDatabaseProductName());
            // Said at every start: a server whose pool is misconfigured silently keeps its default database.
            LOG.info("Gatehouse database: " + metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion()
                    + " at " + metadata.getURL().replaceAll("(?i)password=[^&;]*", "password=***"));
            try (var statement = connection.createStatement()) {
                vendor.lock(statement);
                try {
                    applyPending(connection, statement, vendor);
                } finally {
                    vendor.unlock(statement);
                }
            }
        } catch (SQLException e) {
            throw new ConfigurationException("the database schema could not be created or upgraded: " + e.getMessage());
        }
    }

    private void applyPending(Connection connection, Statement statement, Vendor vendor) throws SQLException {
        statement.execute("CREATE TABLE IF NOT EXISTS GH_SCHEMA_VERSION (VERSION INT NOT NULL PRIMARY KEY,"
                + " APPLIED_AT BIGINT NOT NULL)");
        int current;
        try (var result = statement.executeQuery("SELECT COALESCE(MAX(VERSION), 0) FROM GH_SCHEMA_VERSION")) {
            result.next();
            current = result.getInt(1);
        }
        for (int version = current + 1; ; version++) {
            var script = script(vendor, version);
            if (script == null) {
                break;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (String sql : script) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO GH_SCHEMA_VERSION (VERSION, APPLIED_AT) VALUES (" + version + ", "
                        + System.currentTimeMillis() + ")");
                connection.commit();
                LOG.info("Gatehouse schema upgraded to version " + version + " (" + vendor.directory + ")");
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("version " + version + ": " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The statements of a script, or null when there is no such version. */
    private static List<String> script(Vendor vendor, int version) {
        String path = "db/" + vendor.directory + "/V" + version + ".sql";
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(text.split(";\\s*(\\n|$)")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** What differs between the supported databases: the scripts' dialect, and how to lock across nodes. */
    enum Vendor {
        H2("h2", null, null), // embedded: one node
        POSTGRESQL("postgresql", "SELECT pg_advisory_lock(" + LOCK_ID + ")", "SELECT pg_advisory_unlock(" + LOCK_ID + ")"),
        MARIADB("mariadb", "SELECT GET_LOCK('gatehouse_schema', 300)", "SELECT RELEASE_LOCK('gatehouse_schema')");

        final String directory;
        private final String lock;
        private final String unlock;

        Vendor(String directory, String lock, String unlock) {
            this.directory = directory;
            this.lock = lock;
            this.unlock = unlock;
        }

        static Vendor of(String productName) {
            String name = productName.toLowerCase(Locale.ROOT);
            if (name.contains("postgres")) {
                return POSTGRESQL;
            }
            if (name.contains("mariadb") || name.contains("mysql")) {
                return MARIADB;
            }
            if (name.contains("h2")) {
                return H2;
            }
            throw new ConfigurationException("unsupported database \"" + productName
                    + "\": Gatehouse supports H2, PostgreSQL and MariaDB");
        }

        void lock(Statement statement) throws SQLException {
            if (lock != null) {
                statement.execute(lock);
            }
        }

        void unlock(Statement statement) throws SQLException {
            if (unlock != null) {
                statement.execute(unlock);
            }
        }
    }
}
