package io.kafkaarchiver.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows printed in aligned columns, with free lines (a section title, say) between them. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
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
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = String.valueOf(cells[i]);
        }
        rows.add(text);
        lines.add(null);
    }

    /** A line printed as it is, between the rows. */
    void line(String text) {
        rows.add(null);
        lines.add(text);
    }

    void print(PrintStream out, String indent) {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; row != null && i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row == null) {
                out.println(lines.get(r));
                continue;
            }
            StringBuilder b = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - row[i].length());
                b.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + row[i] : row[i] + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
