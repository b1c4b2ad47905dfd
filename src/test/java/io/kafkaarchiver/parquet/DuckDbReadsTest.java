package io.kafkaarchiver.parquet;

import io.kafkaarchiver.archive.ParquetObjects;
import io.kafkaarchiver.mak.MakRecord;
import io.kafkaarchiver.mak.SampleRecords;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A query engine (DuckDB) reads an object as the archiver writes it: the schema's types, null apart from empty, headers in order. */
class DuckDbReadsTest {

    @TempDir
    Path tmp;

    @Test
    void duckDbSeesTheSchemaAndEveryField() throws Exception {
        Path mak = tmp.resolve("a.mak");
        try (var writer = io.kafkaarchiver.mak.MakWriter.create(mak, io.kafkaarchiver.mak.MakVersion.V2,
                new io.kafkaarchiver.mak.MakFileHeader("orders", 2, 100, java.time.Instant.parse("2026-11-23T10:15:30Z")))) {
            for (MakRecord r : SampleRecords.all()) {
                writer.append(r);
            }
            writer.commit();
        }
        Path object = tmp.resolve("a.parquet");
        ParquetObjects.convert(mak, object, ParquetOptions.DEFAULTS, Optional.empty());

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + object + "')")) {
                while (rs.next()) {
                    columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
                }
            }
            assertThat(columns).containsExactly("partition INTEGER", "offset BIGINT", "timestamp TIMESTAMP WITH TIME ZONE",
                    "timestamp_type VARCHAR", "key BLOB", "value BLOB", "headers STRUCT(\"key\" VARCHAR, \"value\" BLOB)[]");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT \"offset\", epoch_ms(timestamp) AS ms, timestamp_type, key IS NULL, octet_length(key), "
                    + "value IS NULL, octet_length(value), len(headers), list_transform(headers, h -> h.key)::VARCHAR, "
                    + "list_transform(headers, h -> h.value IS NULL)::VARCHAR FROM read_parquet('" + object + "') ORDER BY \"offset\"")) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 10; i++) {
                        row.append(i > 1 ? " | " : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            assertThat(rows).containsExactly(
                    "100 | 1700000000000 | CreateTime | true | null | false | 18 | 0 | [] | []",
                    "101 | 1700000000001 | CreateTime | false | 0 | false | 0 | 0 | [] | []",
                    "102 | 1700000000002 | LogAppendTime | false | 1 | true | null | 0 | [] | []",
                    "103 | 1700000000003 | CreateTime | true | null | true | null | 1 | [only] | [true]",
                    "105 | 1699999999000 | CreateTime | false | 1 | false | 1 | 6 | [trace, trace, empty, nil, ünï, trace] "
                            + "| [false, false, false, true, false, false]",
                    "106 | null | NoTimestampType | false | 196625 | false | 196625 | 0 | [] | []",
                    "107 | null | CreateTime | false | 0 | false | 1 | 0 | [] | []",
                    "108 | 0 | LogAppendTime | false | 5 | false | 1 | 0 | [] | []",
                    "109 | 1700000000500 | CreateTime | false | 4 | false | 1 | 0 | [] | []");
        }
    }
}
