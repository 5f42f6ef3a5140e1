package katatool.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import katatool.core.Console;

/**
 * Draws each outcome of a jcstress test as a bar of its share of the samples, as jcstress's own
 * HTML report does, so a lost update is seen and not only counted.
 *
 * <p>Forbidden outcomes are marked in words ({@code FORBIDDEN}) as well as in red, so the mark
 * survives plain output. Any outcome seen at all gets at least a sliver of a bar: a forbidden
 * outcome seen 3 times in 5 million samples must not vanish into a rounding. On a terminal the
 * bars are drawn with block characters in eighths; plain output (a pipe, a file, {@code --no-color},
 * a console that shows no colour) uses {@code #} and no escape codes.
 */
public final class StressHistogram {

    static final int WIDTH = 30;

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

    private StressHistogram() {}

    /** The lines for one test: its name, then one line an outcome, widest state first aligned. */
    public static List<String> draw(StressCheck.TestRun run, Console ui) {
        List<String> lines = new ArrayList<>();
        long total = run.samples();
        lines.add("  " + run.name());
        int stateWidth = run.outcomes().stream().mapToInt(o -> o.state().length()).max().orElse(0);
        int countWidth = run.outcomes().stream().mapToInt(o -> String.format(Locale.ROOT, "%,d", o.samples()).length()).max().orElse(0);
        for (StressCheck.Outcome o : run.outcomes()) {
            double share = total == 0 ? 0 : (double) o.samples() / total;
            String bar = bar(share, o.samples() > 0, ui.ansi());
            String label = switch (o.expect()) {
                case "FORBIDDEN" -> o.samples() > 0 ? ui.red("✘ FORBIDDEN") : "forbidden, never seen";
                case "INTERESTING" -> ui.yellow("interesting");
                default -> o.expect().toLowerCase(Locale.ROOT);
            };
            String coloured = switch (o.expect()) {
                case "FORBIDDEN" -> ui.red(bar);
                case "INTERESTING" -> ui.yellow(bar);
                default -> ui.green(bar);
            };
            lines.add(String.format(Locale.ROOT, "    %" + stateWidth + "s  %s %7s %" + countWidth + "s  %s: %s",
                    o.state(), coloured, percent(share, o.samples()), String.format(Locale.ROOT, "%,d", o.samples()),
                    label, o.description()));
        }
        return lines;
    }

    /** A bar of {@link #WIDTH} columns, padded, with at least a sliver when anything was seen. */
    static String bar(double share, boolean seen, boolean blocks) {
        int eighths = (int) Math.round(share * WIDTH * 8);
        if (seen && eighths == 0) {
            eighths = 1;
        }
        StringBuilder bar = new StringBuilder();
        if (blocks) {
            bar.append("█".repeat(eighths / 8));
            if (eighths % 8 > 0) {
                bar.append(EIGHTHS.charAt(eighths % 8));
            }
        } else {
            int columns = (eighths + 7) / 8; // round up, so a sliver is still one #
            bar.append("#".repeat(columns));
        }
        return bar + " ".repeat(Math.max(0, WIDTH - bar.length()));
    }

    private static String percent(double share, long samples) {
        if (samples > 0 && share < 0.0001) {
            return "<0.01%";
        }
        return String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }
}
