package katatool.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherExecutionRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs one kata's tests in this JVM with the JUnit Platform launcher and reports each test.
 *
 * <p>The kata's classes and its test classes are defined together by a fresh class loader whose
 * parent holds only the libraries, so a run never sees a stale copy of the learner's code. While
 * the run lasts, {@code java.class.path} names those classes too, so tests that start child JVMs
 * with this JVM's class path find them. Runs must not overlap.
 */
public final class TestRunner {

    /** What became of one test. */
    public enum Status {
        PASSED, FAILED, SKIPPED,
        /** Not run: an earlier task failed first, or another task was chosen. Never counts as passed. */
        NOT_RUN
    }

    /**
     * Which tests a run runs.
     *
     * @param task only this task's tests, or 0 for every task
     * @param all every test, even after a task fails; when false, tasks run in order and the run
     *     stops at the first task with a failing test (the learner works task by task, and the
     *     later tasks of a stub only repeat that it is a stub)
     */
    public record Selection(int task, boolean all) {
        /** Every test: grading and the gates. */
        public static final Selection ALL = new Selection(0, true);
        /** Tasks in order until one fails: the learner's default. */
        public static final Selection UNTIL_FAILURE = new Selection(0, false);

        /** No test at all, only their discovery: the verdict JVM warms up with it. */
        static final Selection DISCOVER_ONLY = new Selection(-1, false);

        public static Selection task(int task) {
            return new Selection(task, false);
        }
    }

    /**
     * One test's outcome.
     *
     * @param kata the kata id
     * @param name the display names from the test class down to the test, joined by " › "
     * @param tags the tags of the test and its enclosing classes
     * @param status passed, failed or skipped (an unmet assumption)
     * @param message the failure or skip reason, empty when passed
     * @param output what the test printed, including a thread dump after a timeout
     * @param id the JUnit unique id, which the grader matches against its own list of the tests
     */
    public record Result(String kata, String name, Set<String> tags, Status status, String message, String output, String id)
            implements java.io.Serializable {

        /** The README task this test checks, from its {@code task:N} tag. */
        public Optional<Integer> task() {
            return tags.stream().filter(t -> t.startsWith("task:")).findFirst()
                    .map(t -> Integer.parseInt(t.substring("task:".length())));
        }

        /** True for tests of code given complete, which pass on the stubs by design. */
        public boolean given() {
            return tags.contains("given");
        }
    }

    /**
     * Where a save's time goes, when the system property {@code kata.phases} is true (the
     * benchmark's {@code --phases}): named marks, each with the wall clock and this process's CPU
     * time, from the save to the printed verdict. The verdict JVM sends its own marks with the
     * verdict ({@link #PREFIX} lines); they are kept as durations, since clocks differ between JVMs.
     * Costs nothing when off.
     */
    public static final class Phases {
        /** One phase: what ended, its wall time and the CPU time this process spent in it. */
        public record Phase(String name, long wallNanos, long cpuNanos) {}

        static final String PREFIX = "kata-phase\t";
        private static volatile boolean ON = Boolean.getBoolean("kata.phases");
        private static final List<Phase> phases = new ArrayList<>();
        private static long lastWall;
        private static long lastCpu;

        private Phases() {}

        public static boolean on() {
            return ON;
        }

        /** Turns the record on in this JVM and in the verdict JVMs it starts from now on. */
        public static void enable() {
            System.setProperty("kata.phases", "true");
            ON = true;
        }

        /** This process's CPU time in nanoseconds (all its threads), or 0 where the JVM cannot say. */
        static long cpu() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }

        /** Starts a save's record: the moment of the save. */
        public static synchronized void start() {
            if (ON) {
                phases.clear();
                lastWall = System.nanoTime();
                lastCpu = cpu();
            }
        }

        /** Ends the phase named {@code name} now; ignored before {@link #start()}. */
        public static synchronized void mark(String name) {
            if (ON && lastWall != 0) {
                long wall = System.nanoTime();
                long cpu = cpu();
                phases.add(new Phase(name, wall - lastWall, cpu - lastCpu));
                lastWall = wall;
                lastCpu = cpu;
            }
        }

        /** Adds a phase measured elsewhere (the verdict JVM), inside the current one. */
        static synchronized void add(Phase phase) {
            if (ON && lastWall != 0) {
                phases.add(phase);
            }
        }

        /** The phases since {@link #start()}, and a new start for whatever comes next. */
        public static synchronized List<Phase> take() {
            List<Phase> taken = List.copyOf(phases);
            phases.clear();
            lastWall = 0;
            return taken;
        }

        /** A line of the verdict JVM's protocol that carries one phase. */
        static String line(String name, long wallNanos, long cpuNanos) {
            return PREFIX + name + "\t" + wallNanos + "\t" + cpuNanos;
        }

        /** The phase a {@link #line} carries, if it is one. */
        static Optional<Phase> parse(String line) {
            if (!line.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String[] f = line.split("\t");
            return Optional.of(new Phase(f[1], Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
    }

    private final String libraries;
    private final Launcher launcher;
    private final Map<String, String> overrides;

    /** @param libraries the class path of the test libraries, as the tool's own JVM has them */
    public TestRunner(String libraries) {
        this(libraries, null);
    }

    private TestRunner(String libraries, Launcher launcher, Map<String, String> overrides) {
        this.libraries = libraries;
        this.launcher = launcher;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * This runner with some of the katas' JUnit settings replaced: the mistake gate gives a
     * mistake's tests a shorter timeout, which can only make them fail sooner, never pass.
     */
    public TestRunner withSettings(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.putAll(settings);
        return new TestRunner(libraries, launcher, all);
    }

    /**
     * @param libraries the class path of the test libraries, as the tool's own JVM has them
     * @param launcher a launcher created (and warmed up) in advance, or null for a new one per run
     */
    TestRunner(String libraries, Launcher launcher) {
        this(libraries, launcher, Map.of());
    }

    /** Runs every test in the kata's package found in {@code classes} and returns them in order. */
    public List<Result> run(String kataId, KataCompiler.Output classes, Path testResources) {
        return run(kataId, classes, testResources, Selection.ALL, name -> true);
    }

    /**
     * Runs the tests of the kata's package whose names ({@link Result#name()}) {@code only} accepts,
     * and returns them in order.
     */
    public List<Result> run(String kataId, KataCompiler.Output classes, Path testResources, Predicate<String> only) {
        return run(kataId, classes, testResources, Selection.ALL, only);
    }

    /**
     * Runs the selected tests in the kata's package found in {@code classes} and returns every
     * test in order, those not run with {@link Status#NOT_RUN}.
     */
    public List<Result> run(String kataId, KataCompiler.Output classes, Path testResources, Selection selection) {
        return run(kataId, classes, testResources, selection, name -> true);
    }

    private List<Result> run(String kataId, KataCompiler.Output classes, Path testResources, Selection selection,
                             Predicate<String> only) {
        List<Path> roots = List.of(classes.mainClasses(), classes.testClasses(), testResources);
        Thread me = Thread.currentThread();
        ClassLoader previousLoader = me.getContextClassLoader();
        String previousClasspath = System.getProperty("java.class.path");
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        // JUnit's output capture also echoes to the stream it replaced; with a silent stream beneath
        // it, what the tests print (and the thread dump of a timeout) reaches only the verdict.
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(silent);
        System.setErr(silent);
        try (URLClassLoader loader = new URLClassLoader("kata-" + kataId, urls(roots), TestRunner.class.getClassLoader())) {
            me.setContextClassLoader(loader);
            System.setProperty("java.class.path", roots.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator, "", File.pathSeparator + libraries)));
            Launcher launcher = this.launcher != null ? this.launcher : LauncherFactory.create();
            Collector collector = new Collector(kataId);
            TestExecutionListener timer = Phases.on() ? new PhaseTimer() : new TestExecutionListener() {};
            Phases.mark("run: class loader and settings");
            Map<String, String> configuration = katasConfiguration(testResources);
            configuration.putAll(overrides);
            if (selection.equals(Selection.ALL)) {
                launcher.execute(request(kataId, configuration, List.of(onlyNamed(only))), collector, timer);
                Phases.mark("run: discovery and every test");
                return collector.results();
            }
            long t0 = System.nanoTime();
            // Test classes in task order (task 1's first, those of no task last), so that one pass runs the tasks in order.
            configuration.putIfAbsent("junit.jupiter.testclass.order.default", TaskOrder.class.getName());
            TestPlan plan = launcher.discover(request(kataId, configuration, List.of(onlyNamed(only))));
            Phases.mark("run: discovery (loads the kata's classes)");
            if (Boolean.getBoolean("kata.timing")) {
                previousErr.printf("[timing] %s discovery: %d ms%n", kataId, (System.nanoTime() - t0) / 1_000_000);
            }
            collector.testPlanExecutionStarted(plan);
            // Tests, and parameterized tests, whose cases are known only once they run.
            List<TestIdentifier> tests = plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                    .filter(t -> TaskByTask.leaf(plan, t)).toList();
            String why = "not run: " + (selection.task() > 0 ? "only task " + selection.task() + " was chosen"
                    : "an earlier task fails first");
            Map<String, Result> planned = new LinkedHashMap<>();
            tests.forEach(t -> planned.put(t.getUniqueId(), collector.result(t, Status.NOT_RUN, why)));
            if (selection.equals(Selection.DISCOVER_ONLY)) {
                return List.copyOf(planned.values());
            }
            if (selection.task() == 0 && Boolean.parseBoolean(System.getProperty("kata.singlePass", "true"))
                    && TaskByTask.inTaskOrder(plan, planned)) {
                // The plan already runs the tasks in order: run it as discovered, once, and cancel
                // what is left once a task has failed, instead of discovering the kata again per task.
                TaskByTask stop = new TaskByTask(plan, planned, collector);
                launcher.execute(LauncherExecutionRequestBuilder.request(plan).listeners(collector, timer, stop)
                        .cancellationToken(stop.token).build());
                Phases.mark("run: every task in one pass, until one fails");
                return assemble(planned, collector.byId(), stop::cancelled);
            }
            TreeSet<Integer> tasks = new TreeSet<>();
            planned.values().forEach(r -> r.task().ifPresent(tasks::add));
            List<String> taskTags = tasks.stream().map(n -> "task:" + n).toList();
            List<PostDiscoveryFilter> batches = new ArrayList<>();
            if (selection.task() > 0) {
                batches.add(TagFilter.includeTags("task:" + selection.task()));
            } else {
                taskTags.forEach(tag -> batches.add(TagFilter.includeTags(tag)));
                // Tests of no task (the given code's) last: they pass on the stubs by design.
                batches.add(taskTags.isEmpty() ? null : TagFilter.excludeTags(taskTags));
            }
            for (PostDiscoveryFilter batch : batches) {
                t0 = System.nanoTime();
                launcher.execute(request(kataId, configuration, batch == null ? List.of(onlyNamed(only)) : List.of(batch, onlyNamed(only))),
                        collector, timer);
                Phases.mark("run: batch " + (batches.indexOf(batch) + 1) + " (" + (batch == null ? "untagged" : "task " + (batches.indexOf(batch) + 1)) + ")");
                if (Boolean.getBoolean("kata.timing")) {
                    previousErr.printf("[timing] %s batch %d of %d: %d ms%n", kataId, batches.indexOf(batch) + 1, batches.size(),
                            (System.nanoTime() - t0) / 1_000_000);
                }
                if (collector.failed()) {
                    break;
                }
            }
            // Every test, in discovery order; a test that did not run says so.
            return assemble(planned, collector.byId(), id -> false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
            System.setProperty("java.class.path", previousClasspath);
            me.setContextClassLoader(previousLoader);
        }
    }

    /**
     * Every planned test in plan order with what became of it, a test that did not run saying
     * so; a parameterized test gives way to its cases, which exist only once it has run.
     */
    private static List<Result> assemble(Map<String, Result> planned, Map<String, Result> ran, Predicate<String> cancelled) {
        List<Result> all = new ArrayList<>();
        planned.forEach((id, notRun) -> {
            if (cancelled.test(id)) {
                all.add(notRun);
                return;
            }
            Result own = ran.get(id);
            List<Result> cases = ran.entrySet().stream().filter(e -> e.getKey().startsWith(id + "/")) // portability: allowed (JUnit ids)
                    .filter(e -> !cancelled.test(e.getKey())).map(Map.Entry::getValue).toList();
            if (own != null) {
                all.add(own);
            }
            all.addAll(cases);
            if (own == null && cases.isEmpty()) {
                all.add(notRun);
            }
        });
        return List.copyOf(all);
    }

    /** Keeps the tests whose names {@code only} accepts; containers left empty are pruned by the launcher. */
    private static PostDiscoveryFilter onlyNamed(Predicate<String> only) {
        return descriptor -> {
            if (!descriptor.isTest()) {
                return FilterResult.included("a container");
            }
            List<String> names = new ArrayList<>();
            for (Optional<TestDescriptor> at = Optional.of(descriptor); at.isPresent(); at = at.get().getParent()) {
                if (at.get().getParent().isPresent()) { // skip the engine itself, as Collector.path does
                    names.addFirst(at.get().getDisplayName());
                }
            }
            return FilterResult.includedIf(only.test(String.join(" › ", names)));
        };
    }

    private static LauncherDiscoveryRequest request(String kataId, Map<String, String> configuration,
                                                    List<PostDiscoveryFilter> filters) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(kataId))
                .filters(filters.toArray(PostDiscoveryFilter[]::new))
                .filters(Boolean.getBoolean("kata.x.jupiterOnly") ? org.junit.platform.launcher.EngineFilter.includeEngines("junit-jupiter")
                        : org.junit.platform.launcher.EngineFilter.excludeEngines("none"))
                // Given explicitly: a junit-platform.properties of the JVM running the tool
                // (the tool's own tests, say) would otherwise shadow the katas' one.
                .configurationParameters(configuration)
                .configurationParameter("junit.platform.output.capture.stdout", "true")
                .configurationParameter("junit.platform.output.capture.stderr", "true")
                .build();
    }

    /** The katas' {@code junit-platform.properties}: timeouts, thread dumps, extension detection. */
    static Map<String, String> katasConfiguration(Path testResources) {
        Path file = testResources.resolve("junit-platform.properties");
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k).strip()));
        return map;
    }

    private static URL[] urls(List<Path> roots) {
        return roots.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
    }

    private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile("alias '(.+?)'");
    private static final java.util.regex.Pattern WITHIN = java.util.regex.Pattern.compile(
            "(?:within|after) (\\d+(?:\\.\\d+)? (?:milliseconds|seconds?|minutes?))");

    /**
     * For a failure that is a wait running out (Awaitility's, or the test's own time limit): one
     * line saying what the test waited for, and that it was the test's patience that ran out,
     * not a timeout in the learner's code, which such exceptions otherwise read like.
     */
    public static Optional<String> patience(String type, String message) {
        String text = message == null ? "" : message;
        java.util.regex.Matcher within = WITHIN.matcher(text);
        String limit = within.find() ? within.group(1) : "its time limit";
        if (type.equals("org.awaitility.core.ConditionTimeoutException")) {
            java.util.regex.Matcher alias = ALIAS.matcher(text);
            String what = alias.find() ? alias.group(1) : "a condition to become true";
            return Optional.of("The test waited " + limit + " for " + what + ", and it did not happen. That was the"
                    + " test's patience running out, not a timeout in your code: find out why it never happens.");
        }
        if (type.equals("java.util.concurrent.TimeoutException") && text.contains("timed out after")) {
            return Optional.of("The test did not end within " + limit + ". That is the test's time limit, not a"
                    + " timeout in your code: something in your code probably waits for ever (the threads below show where).");
        }
        return Optional.empty();
    }

    /**
     * Orders test classes, top-level and nested, by their task: the lowest {@code task:N} tag of
     * the class, else of its nested classes and methods; classes of no task come last, and
     * classes of one task keep their order. Jupiter applies it by the configuration parameter
     * {@code junit.jupiter.testclass.order.default}.
     */
    public static final class TaskOrder implements org.junit.jupiter.api.ClassOrderer {
        @Override
        public void orderClasses(org.junit.jupiter.api.ClassOrdererContext context) {
            context.getClassDescriptors().sort(java.util.Comparator.comparingInt(d -> rank(d.getTestClass())));
        }

        static int rank(Class<?> type) {
            int own = task(type);
            if (own != Integer.MAX_VALUE) {
                return own;
            }
            int lowest = Integer.MAX_VALUE;
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                lowest = Math.min(lowest, task(method));
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                lowest = Math.min(lowest, rank(nested));
            }
            return lowest;
        }

        private static int task(java.lang.reflect.AnnotatedElement element) {
            int lowest = Integer.MAX_VALUE;
            for (org.junit.jupiter.api.Tag tag : element.getAnnotationsByType(org.junit.jupiter.api.Tag.class)) {
                if (tag.value().startsWith("task:")) {
                    try {
                        lowest = Math.min(lowest, Integer.parseInt(tag.value().substring("task:".length())));
                    } catch (NumberFormatException notATask) {
                        // a tag of another shape orders nothing
                    }
                }
            }
            return lowest;
        }
    }

    /**
     * Runs a plan whose tests come task by task (task 1's, then task 2's, ..., then those of no
     * task) in one pass, and cancels the rest of the pass once every test of a task that has a
     * failure has ended: the same tests run as in one launch per task, without discovering the
     * kata again for each. Tests that the cancellation kept from running are {@link #cancelled}.
     */
    private static final class TaskByTask implements TestExecutionListener {
        final org.junit.platform.engine.CancellationToken token = org.junit.platform.engine.CancellationToken.create();
        private final TestPlan plan;
        private final Collector collector;
        /** Each task's tests (and test templates) not yet ended, by rank: task number, no task last. */
        private final java.util.TreeMap<Integer, Set<String>> open = new java.util.TreeMap<>();
        private final Map<String, Integer> rankOf = new java.util.HashMap<>();
        private final Set<String> cancelled = java.util.concurrent.ConcurrentHashMap.newKeySet();

        TaskByTask(TestPlan plan, Map<String, Result> planned, Collector collector) {
            this.plan = plan;
            this.collector = collector;
            for (TestIdentifier leaf : leaves(plan)) {
                int rank = rank(leaf, planned, collector);
                rankOf.put(leaf.getUniqueId(), rank);
                open.computeIfAbsent(rank, r -> new java.util.HashSet<>()).add(leaf.getUniqueId());
            }
        }

        /** A test, or a test template (a parameterized test), whose cases are known only when it runs. */
        static boolean leaf(TestPlan plan, TestIdentifier id) {
            return id.isTest() || (id.isContainer() && plan.getChildren(id).isEmpty() && id.getSource().isPresent()
                    && id.getSource().get() instanceof org.junit.platform.engine.support.descriptor.MethodSource);
        }

        /** The tests, and the test templates (parameterized tests) whose cases are known only when they run, in plan order. */
        private static List<TestIdentifier> leaves(TestPlan plan) {
            List<TestIdentifier> leaves = new ArrayList<>();
            java.util.ArrayDeque<TestIdentifier> stack = new java.util.ArrayDeque<>();
            List<TestIdentifier> roots = new ArrayList<>(plan.getRoots());
            java.util.Collections.reverse(roots);
            roots.forEach(stack::push);
            while (!stack.isEmpty()) {
                TestIdentifier at = stack.pop();
                List<TestIdentifier> children = new ArrayList<>(plan.getChildren(at));
                if (leaf(plan, at)) {
                    leaves.add(at);
                    continue;
                }
                java.util.Collections.reverse(children);
                children.forEach(stack::push);
            }
            return leaves;
        }

        private static int rank(TestIdentifier leaf, Map<String, Result> planned, Collector collector) {
            Result result = planned.get(leaf.getUniqueId());
            Optional<Integer> task = (result != null ? result : collector.result(leaf, Status.NOT_RUN, "")).task();
            return task.orElse(Integer.MAX_VALUE);
        }

        /** True if the plan runs every task's tests before the next task's, and those of no task last. */
        static boolean inTaskOrder(TestPlan plan, Map<String, Result> planned) {
            int last = Integer.MIN_VALUE;
            for (TestIdentifier leaf : leaves(plan)) {
                Result result = planned.get(leaf.getUniqueId());
                int rank = result == null ? Integer.MAX_VALUE : result.task().orElse(Integer.MAX_VALUE);
                if (rank < last) {
                    return false;
                }
                last = rank;
            }
            return true;
        }

        boolean cancelled(String id) {
            return cancelled.contains(id);
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (token.isCancellationRequested()) {
                cancelled.add(id.getUniqueId());
                plan.getDescendants(id).forEach(d -> cancelled.add(d.getUniqueId()));
            }
            ended(id);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            ended(id);
        }

        /** Marks the node and every leaf beneath it as ended; cancels once a failed task is complete. */
        private synchronized void ended(TestIdentifier id) {
            close(id.getUniqueId());
            plan.getDescendants(id).forEach(d -> close(d.getUniqueId()));
            if (token.isCancellationRequested()) {
                return;
            }
            int failedRank = collector.byId().values().stream().filter(r -> r.status() == Status.FAILED)
                    .mapToInt(r -> rankOf.getOrDefault(r.id(), r.task().orElse(Integer.MAX_VALUE))).min().orElse(-1);
            if (failedRank >= 0 && open.headMap(failedRank, true).values().stream().allMatch(Set::isEmpty)) {
                token.cancel();
            }
        }

        private void close(String id) {
            Integer rank = rankOf.get(id);
            if (rank != null) {
                open.get(rank).remove(id);
            }
        }
    }

    /**
     * Each test's own wall and CPU time, from its start to its end as the launcher reports them
     * (its extensions' callbacks included: the leak check, for one), as phases named "test: ...".
     */
    private static final class PhaseTimer implements TestExecutionListener {
        private final Map<String, long[]> started = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                started.put(id.getUniqueId(), new long[] {System.nanoTime(), Phases.cpu()});
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long[] at = started.remove(id.getUniqueId());
            if (at != null) {
                String method = id.getLegacyReportingName();
                Phases.add(new Phases.Phase("test: " + method + " (" + result.getStatus() + ")", System.nanoTime() - at[0],
                        Phases.cpu() - at[1]));
            }
        }
    }

    /** Turns launcher events into results, keeping each test's captured output. */
    private static final class Collector implements TestExecutionListener {
        private final String kata;
        private final Map<String, Result> results = Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<String, StringBuilder> output = new java.util.concurrent.ConcurrentHashMap<>();
        private TestPlan plan;

        Collector(String kata) {
            this.kata = kata;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> {
                if (key.equals("stdout") || key.equals("stderr")) {
                    output.computeIfAbsent(id.getUniqueId(), k -> new StringBuilder()).append(value);
                }
            });
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                record(id, Status.SKIPPED, reason);
            } else {
                plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                        .forEach(t -> record(t, Status.SKIPPED, reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(Collector::describe).orElse("");
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED -> Status.FAILED;
            };
            if (id.isTest()) {
                record(id, status, message);
            } else if (status == Status.FAILED) {
                // A class that fails before or after its tests (a @BeforeAll, a leak check): every
                // test under it that has no verdict of its own fails with that reason.
                List<TestIdentifier> tests = plan.getDescendants(id).stream().filter(TestIdentifier::isTest).toList();
                tests.stream()
                        .filter(t -> !results.containsKey(t.getUniqueId()) || results.get(t.getUniqueId()).status() == Status.PASSED)
                        .forEach(t -> record(t, Status.FAILED, message));
                if (tests.isEmpty() && id.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource).isPresent()) {
                    record(id, Status.FAILED, message); // a parameterized test that failed before any case ran
                }
            }
        }

        private void record(TestIdentifier id, Status status, String message) {
            results.put(id.getUniqueId(), result(id, status, message));
        }

        Result result(TestIdentifier id, Status status, String message) {
            StringBuilder out = output.get(id.getUniqueId());
            return new Result(kata, path(id), tags(id), status, message == null ? "" : message,
                    out == null ? "" : out.toString(), id.getUniqueId());
        }

        boolean failed() {
            synchronized (results) {
                return results.values().stream().anyMatch(r -> r.status() == Status.FAILED);
            }
        }

        Map<String, Result> byId() {
            synchronized (results) {
                return new LinkedHashMap<>(results);
            }
        }

        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
                if (at.get().getParentIdObject().isPresent()) { // skip the engine itself
                    names.addFirst(at.get().getDisplayName());
                }
            }
            return String.join(" › ", names);
        }

        private Set<String> tags(TestIdentifier id) {
            Set<String> tags = new TreeSet<>();
            for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
                at.get().getTags().stream().map(TestTag::getName).forEach(tags::add);
            }
            return tags;
        }

        private static String describe(Throwable t) {
            String message = t.getMessage();
            String type = t.getClass().getName();
            // A wait that gave up early (support.Waits) speaks in its own words, like an assertion.
            boolean ownWords = t instanceof AssertionError || type.equals("org.awaitility.core.TerminalFailureException");
            String plain = ownWords && message != null ? message.strip()
                    : message == null ? type : type + ": " + message.strip();
            String text = patience(type, message).map(why -> why + "\n" + plain).orElse(plain);
            // What failed after the test (a leak found by support.NoLeaks, say) rides along as a
            // suppressed exception: it is part of the verdict, not a footnote to drop.
            for (Throwable also : t.getSuppressed()) {
                text += "\n" + describe(also);
            }
            return text;
        }

        List<Result> results() {
            synchronized (results) {
                return List.copyOf(results.values());
            }
        }
    }
}
