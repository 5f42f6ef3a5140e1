package bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.openjdk.jmh.results.RunResult;

/**
 * Draws the benchmark figures the katas teach as SVG charts, with JFreeChart and JFreeSVG.
 *
 * <p>Three charts, each written only when its benchmarks ran: the k09 speedup against the number
 * of threads with a line at this machine's cores ({@link k09_parallelism.PrimesScalingBench}), the
 * k12 fixed pool against virtual threads as the batch of blocking tasks grows
 * ({@link k12_cpu_vs_io.BlockingTasksScalingBench}), and the cost of starting a child JVM, a platform
 * thread and a virtual thread on a log scale ({@code ProcessVsThreadBench},
 * {@code PlatformVsVirtualThreadBench}). Every chart carries the machine and the date under it.
 */
public final class Charts {

    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    private static final Color MEASURED = new Color(0x1f77b4);
    private static final Color SECOND = new Color(0xd62728);
    private static final Color IDEAL = new Color(0x7f7f7f);

    private Charts() {}

    /** Writes every chart whose benchmarks are among the results; returns the files written. */
    public static List<Path> write(Collection<RunResult> results, Path dir, String caption) throws IOException {
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String params = String.join(",", r.getParams().getParamsKeys().stream().map(r.getParams()::getParam).toList());
            scores.computeIfAbsent(benchmark, k -> new TreeMap<>()).put(params, r.getPrimaryResult().getScore());
        }
        List<Path> written = new ArrayList<>();
        Map<String, Double> primes = scores.get("k09_parallelism.PrimesScalingBench.countPrimes");
        if (primes != null && primes.containsKey("1")) {
            written.add(save(dir, "k09-speedup-by-threads.svg",
                    speedup(byNumber(primes), Runtime.getRuntime().availableProcessors(), caption)));
        }
        Map<String, Double> pool = scores.get("k12_cpu_vs_io.BlockingTasksScalingBench.fixedPool");
        Map<String, Double> virtual = scores.get("k12_cpu_vs_io.BlockingTasksScalingBench.virtualThreads");
        if (pool != null && virtual != null) {
            written.add(save(dir, "k12-blocking-tasks.svg", blockingTasks(byNumber(pool), byNumber(virtual), caption)));
        }
        Double childJvm = single(scores.get("k12_cpu_vs_io.ProcessVsThreadBench.childJvm"));
        Double platform = single(scores.get("k12_cpu_vs_io.PlatformVsVirtualThreadBench.platformThread"));
        Double virtualThread = single(scores.get("k12_cpu_vs_io.PlatformVsVirtualThreadBench.virtualThread"));
        if (childJvm != null && platform != null && virtualThread != null) {
            SequencedMap<String, Double> costs = new java.util.LinkedHashMap<>();
            costs.put("a child JVM", childJvm);
            costs.put("a platform thread", platform);
            costs.put("a virtual thread", virtualThread);
            written.add(save(dir, "k12-start-costs.svg", startCosts(costs, caption)));
        }
        return written;
    }

    /** Speedup (time on one thread over time on n) against n, the ideal line, and the cores. */
    static JFreeChart speedup(SequencedMap<Integer, Double> millisByThreads, int cores, String caption) {
        double one = millisByThreads.get(1);
        XYSeries measured = new XYSeries("measured speedup");
        XYSeries ideal = new XYSeries("ideal: one core per thread, up to " + cores + " cores");
        millisByThreads.forEach((threads, millis) -> {
            measured.add(threads.doubleValue(), one / millis);
            ideal.add(threads.doubleValue(), Math.min(threads, cores));
        });
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(measured);
        data.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart("k09: counting primes below 2,000,000 on n threads",
                "threads", "speedup over one thread", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart, caption).getXYPlot();
        XYLineAndShapeRenderer renderer = lines(MEASURED, IDEAL);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setTickUnit(new NumberTickUnit(1));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        ValueMarker marker = new ValueMarker(cores, IDEAL, new BasicStroke(1f));
        marker.setLabel(cores + " cores on this machine");
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        marker.setLabelBackgroundColor(Color.WHITE);
        plot.addDomainMarker(marker);
        return axisFonts(chart);
    }

    /** Time per batch against the batch size, for the fixed pool and for virtual threads (log scale). */
    static JFreeChart blockingTasks(SequencedMap<Integer, Double> poolMillis, SequencedMap<Integer, Double> virtualMillis,
            String caption) {
        XYSeries pool = new XYSeries("fixed pool of 16 platform threads");
        XYSeries virtual = new XYSeries("one virtual thread per task");
        poolMillis.forEach((tasks, millis) -> pool.add(tasks.doubleValue(), millis.doubleValue()));
        virtualMillis.forEach((tasks, millis) -> virtual.add(tasks.doubleValue(), millis.doubleValue()));
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(pool);
        data.addSeries(virtual);
        JFreeChart chart = ChartFactory.createXYLineChart("k12: tasks that each block for 20 ms",
                "tasks in the batch", "time for the whole batch (ms, log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart, caption).getXYPlot();
        plot.setRenderer(lines(SECOND, MEASURED));
        plot.setRangeAxis(logAxis("time for the whole batch (ms, log scale)", 1));
        return axisFonts(chart);
    }

    /** Microseconds to start something that does nothing and wait for its end, on a log scale. */
    static JFreeChart startCosts(SequencedMap<String, Double> microsByWhat, String caption) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        microsByWhat.forEach((what, micros) -> data.addValue(micros, "start and wait", what));
        JFreeChart chart = ChartFactory.createBarChart("k12: what it costs to start one and wait for it",
                null, "µs (log scale)", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = style(chart, caption).getCategoryPlot();
        plot.setRangeAxis(logAxis("µs (log scale)", 0.1));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setSeriesPaint(0, MEASURED);
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.2);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2} µs",
                new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        return axisFonts(chart);
    }

    /** The chart as an SVG document. */
    static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(WIDTH, HEIGHT));
        return g.getSVGDocument();
    }

    private static Path save(Path dir, String name, JFreeChart chart) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path temp = Files.createTempFile(dir, name, ".tmp");
        Files.writeString(temp, svg(chart) + "\n", StandardCharsets.UTF_8);
        // a chart half written would replace a good one: write aside, then move into place
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static JFreeChart style(JFreeChart chart, String caption) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        TextTitle under = new TextTitle(caption, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        under.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
        under.setPaint(IDEAL);
        chart.addSubtitle(under);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(new Color(0xdddddd));
            xy.setRangeGridlinePaint(new Color(0xdddddd));
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(new Color(0xdddddd));
        }
        return chart;
    }

    /** The same label font on every axis, whichever axis class drew it (a log axis is set later). */
    private static JFreeChart axisFonts(JFreeChart chart) {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.getDomainAxis().setLabelFont(font);
            xy.getRangeAxis().setLabelFont(font);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.getDomainAxis().setTickLabelFont(font);
            category.getRangeAxis().setLabelFont(font);
        }
        return chart;
    }

    /** A base-10 log axis ticked at whole powers of ten, written as plain numbers (1,000, not 10³). */
    private static LogAxis logAxis(String label, double smallest) {
        LogAxis log = new LogAxis(label);
        log.setBase(10);
        log.setSmallestValue(smallest);
        log.setTickUnit(new NumberTickUnit(1));
        log.setMinorTickCount(9);
        log.setMinorTickMarksVisible(true);
        log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return log;
    }

    private static XYLineAndShapeRenderer lines(Color first, Color second) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, first);
        renderer.setSeriesPaint(1, second);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        return renderer;
    }

    private static SequencedMap<Integer, Double> byNumber(Map<String, Double> scores) {
        SequencedMap<Integer, Double> sorted = new TreeMap<>();
        scores.forEach((param, score) -> sorted.put(Integer.parseInt(param), score));
        return sorted;
    }

    private static Double single(Map<String, Double> scores) {
        return scores == null || scores.size() != 1 ? null : scores.values().iterator().next();
    }
}
