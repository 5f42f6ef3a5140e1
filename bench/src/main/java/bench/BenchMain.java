package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the katas' JMH benchmarks and prints, for each class marked {@link Compare}, the ratio
 * measured in this same run, as a Markdown table that names the machine.
 *
 * <p>Arguments are JMH's own ({@code -h} lists them); a regex selects benchmarks, as with JMH.
 * The table is also written to {@code bench/target/bench-results.md}.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws RunnerException, IOException, ClassNotFoundException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (org.openjdk.jmh.runner.options.CommandLineOptionException e) {
            System.err.println("Bad benchmark option: " + e.getMessage() + " (-h lists JMH's options)");
            System.exit(2);
            return;
        }
        if (options.shouldHelp()) {
            options.showHelp();
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        String table = table(results);
        System.out.println();
        System.out.println(table);
        Path out = Path.of("bench", "target");
        Files.createDirectories(out);
        Files.writeString(out.resolve("bench-results.md"), table, StandardCharsets.UTF_8);
        Path charts = Path.of(System.getProperty("bench.charts", "bench/target/charts"));
        for (Path chart : Charts.write(results, charts, caption())) {
            System.out.println("Chart: " + chart);
        }
    }

    /** The line under every chart: the machine, the day, and how busy it was. */
    static String caption() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "Measured on %s, %s%s", machine(), java.time.LocalDate.now(),
                load < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f at the end", load));
    }

    /** The comparison table for every {@link Compare} class whose two methods both ran. */
    static String table(Collection<RunResult> results) throws ClassNotFoundException {
        Map<String, Map<String, RunResult>> byClass = new TreeMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            int dot = full.lastIndexOf('.');
            byClass.computeIfAbsent(full.substring(0, dot), k -> new TreeMap<>()).put(full.substring(dot + 1), r);
        }
        List<String> rows = new ArrayList<>();
        rows.add("Machine: " + machine());
        rows.add("");
        rows.add("| benchmark | baseline | candidate | ratio | meaning | the kata expects |");
        rows.add("|---|---|---|---|---|---|");
        for (var entry : byClass.entrySet()) {
            Compare compare = Class.forName(entry.getKey()).getAnnotation(Compare.class);
            if (compare == null) {
                continue;
            }
            RunResult base = entry.getValue().get(compare.baseline());
            RunResult cand = entry.getValue().get(compare.candidate());
            if (base == null || cand == null) {
                continue;
            }
            double b = base.getPrimaryResult().getScore();
            double c = cand.getPrimaryResult().getScore();
            boolean higherIsBetter = base.getParams().getMode() == Mode.Throughput;
            double ratio = higherIsBetter ? c / b : b / c;
            rows.add(String.format(Locale.ROOT, "| %s | %s %s | %s %s | **%.1f×** | %s | %s |",
                    entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1),
                    compare.baseline(), score(base), compare.candidate(), score(cand), ratio,
                    compare.meaning(), compare.expected()));
        }
        return String.join("\n", rows) + "\n";
    }

    private static String score(RunResult r) {
        return String.format(Locale.ROOT, "%.3g %s", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
    }

    static String machine() {
        String cpu = "";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip() + ", ").orElse("");
            }
        } catch (IOException ignored) {
            // the CPU model is a courtesy; the core count below is what matters
        }
        return String.format(Locale.ROOT, "%s%d cores available, %s %s, Java %s", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
