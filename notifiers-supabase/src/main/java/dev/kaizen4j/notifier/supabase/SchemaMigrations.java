package dev.kaizen4j.notifier.supabase;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates or extends Kaizen4j's tables in one schema with the versioned SQL migrations shipped in this
 * jar ({@code db/kaizen4j/V*.sql}), recording them in {@value #HISTORY_TABLE}.
 *
 * <p>The design's tables {@code team_improvement_requests} and {@code team_effectiveness_metrics} are
 * created exactly as the design defines them when they do not exist; when a user created them by hand,
 * the migrations only add columns, indexes and an audit trigger, never dropping, renaming or retyping a
 * column or changing a row. Migrating an up-to-date schema does nothing, so every command may migrate
 * on start. Concurrent migrations from several processes are serialised by Flyway's lock.
 *
 * <p>Thread safety: stateless apart from its settings; safe for concurrent use.
 */
public final class SchemaMigrations {

    /** The table recording which migrations ran. */
    public static final String HISTORY_TABLE = "kaizen4j_schema_history";

    private final DataSource dataSource;
    private final String schema;

    /**
     * @param dataSource where to migrate
     * @param schema the schema holding the tables; {@code public} on Supabase
     */
    public SchemaMigrations(DataSource dataSource, String schema) {
        this.dataSource = requireNonNull(dataSource, "dataSource");
        this.schema = requireNonNull(schema, "schema");
        if (schema.isBlank()) {
            throw KaizenException.invalidInput("the database schema name is blank");
        }
    }

    /** Migrates the {@code public} schema. */
    public SchemaMigrations(DataSource dataSource) {
        this(dataSource, "public");
    }

    /**
     * Applies the migrations the schema lacks.
     *
     * @return the migrations applied now, oldest first; empty when the schema was up to date
     * @throws KaizenException naming the failing migration when one fails; Postgres runs each in a
     *     transaction, so a failed migration leaves nothing half-applied
     */
    public List<AppliedMigration> migrate() {
        try {
            MigrateResult result = flyway().migrate();
            return result.migrations.stream()
                    .map(migration -> new AppliedMigration(migration.version, migration.description))
                    .toList();
        } catch (FlywayException e) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "migrating schema " + schema + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** The migrations shipped in this jar that the schema has not applied yet, oldest first. */
    public List<AppliedMigration> pending() {
        try {
            return Arrays.stream(flyway().info().pending())
                    .map(SchemaMigrations::toApplied)
                    .toList();
        } catch (FlywayException e) {
            throw new KaizenException(KaizenException.Kind.RETRIABLE,
                    "reading the migrations of schema " + schema + " failed: " + firstLine(e.getMessage()), e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations("classpath:db/kaizen4j")
                // A schema that already holds the design's tables (or anything else, as Supabase's public
                // schema does) is migrated from the start instead of being refused as non-empty.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .loggers("slf4j")
                .load();
    }

    private static AppliedMigration toApplied(MigrationInfo info) {
        return new AppliedMigration(info.getVersion().getVersion(), info.getDescription());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /**
     * One migration.
     *
     * @param version its version, such as {@code 2}
     * @param description what it does, from its file name
     */
    public record AppliedMigration(String version, String description) {

        public AppliedMigration {
            requireNonNull(version, "version");
            requireNonNull(description, "description");
        }
    }
}
