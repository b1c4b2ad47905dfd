package io.kafkaarchiver.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows printed in aligned columns, with free lines (a section title, say) between them. */
final class TextTable {

    private sealed interface Entry permits Row, Line {
    }

    private record Row(String[] cells) implements Entry {
    }

    private record Line(String text) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(String... header) {
        rightAligned = new boolean[header.length];
        row((Object[]) header);
    }

    /** Aligns these columns (numbers) to the right. */
    TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    void row(Object... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + rightAligned.length + " columns");
        }
        entries.add(new Row(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new)));
    }

    /** A line printed as it is, between the rows. */
    void line(String text) {
        entries.add(new Line(text));
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[rightAligned.length];
        for (Entry e : entries) {
            if (e instanceof Row row) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row.cells()[i].length());
                }
            }
        }
        for (Entry e : entries) {
            if (e instanceof Line line) {
                out.println(line.text());
            } else if (e instanceof Row row) {
                StringBuilder b = new StringBuilder(indent);
                for (int i = 0; i < widths.length; i++) {
                    String cell = row.cells()[i];
                    String pad = " ".repeat(widths[i] - cell.length());
                    b.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + cell : cell + pad);
                }
                out.println(b.toString().stripTrailing());
            }
        }
    }
}
