package dev.kaizen4j.notifier.supabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads rows in tests, every value as the text Postgres prints (null stays null). */
public final class Rows {

    private Rows() {}

    /** The rows {@code sql} returns, each keyed by column label. */
    public static List<Map<String, String>> query(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, String>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }

    /** The one row {@code sql} returns; fails when it returns none or several. */
    public static Map<String, String> single(DataSource dataSource, String sql) {
        List<Map<String, String>> rows = query(dataSource, sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows);
        }
        return rows.get(0);
    }

    /** The first column of every row. */
    public static List<String> column(DataSource dataSource, String sql) {
        return query(dataSource, sql).stream().map(row -> row.values().iterator().next()).toList();
    }

    /** The number a {@code SELECT count(*)} returns. */
    public static long count(DataSource dataSource, String sql) {
        return Long.parseLong(column(dataSource, sql).get(0));
    }
}
