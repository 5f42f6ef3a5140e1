package katatool;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades one kata in a JVM of its own, started by {@link Grader}: compiles the learner's code and
 * the kata's tests, writes the list of tests ({@code plan.json}), runs them and writes what they
 * said ({@code report.json}).
 *
 * <p>A JVM per kata means that a learner's {@code System.exit}, a crash, or a hang that even the
 * pre-emptive test timeouts cannot stop ends this JVM only: the grader sees no report, scores the
 * kata's planned tests as errors, and goes on with the next kata. Both files are written to a
 * temporary file and moved into place, so the grader never reads half of one.
 */
public final class GradeChild {

    /** One test, planned or run; status is PLANNED, PASSED, FAILED or SKIPPED. */
    public record Entry(String name, Set<String> tags, String status, String message, String output) {}

    /**
     * What the child found.
     *
     * @param compileError the compiler's messages when the learner's code does not compile
     * @param tampered learner classes that pose as test code, each "class name: why"
     * @param tests the tests: run ones, or only planned ones when the code did not compile
     */
    public record Report(String kata, String compileError, List<String> tampered, List<Entry> tests) {}

    static final String PLAN = "plan.json";
    static final String REPORT = "report.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GradeChild() {}

    /** Arguments: repository root, kata id, output folder. */
    public static void main(String[] args) throws Exception {
        // If the grader dies or is killed, this JVM must not live on running a learner's code.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (args.length != 3) {
            System.err.println("usage: GradeChild <repository root> <kata id> <output folder>");
            Runtime.getRuntime().halt(2);
        }
        Repo repo = new Repo(Path.of(args[0]));
        String kata = args[1];
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Report report = grade(repo, kata, out);
        write(out.resolve(REPORT), report);
        System.out.flush();
        // halt, not exit: a learner's shutdown hook must not be able to hold the grade up.
        Runtime.getRuntime().halt(0);
    }

    static Report grade(Repo repo, String kata, Path out) throws IOException {
        String libraries = System.getProperty("java.class.path");
        try (KataCompiler compiler = new KataCompiler(libraries)) {
            KataCompiler.Output learner;
            try {
                learner = compiler.compile(repo, kata, repo.root().resolve("katas/src/main/java"), out.resolve("learner"));
            } catch (KataException notCompiling) {
                // The kata's tests are still listed, so its points show in the total: they are
                // found by compiling the same tests against the reference code.
                List<Entry> planned = List.of();
                try {
                    KataCompiler.Output reference = compiler.compile(repo, kata,
                            repo.root().resolve("solutions/src/main/java"), out.resolve("reference"));
                    planned = discover(kata, reference, repo.testResources());
                } catch (KataException alsoNot) {
                    // nothing to list: the kata then shows as one entry
                }
                return new Report(kata, notCompiling.getMessage(), List.of(), planned);
            }
            List<String> tampered = posingAsTests(learner);
            if (!tampered.isEmpty()) {
                return new Report(kata, null, tampered, List.of());
            }
            List<Entry> planned = discover(kata, learner, repo.testResources());
            write(out.resolve(PLAN), new Report(kata, null, List.of(), planned));
            List<Entry> ran = new TestRunner(libraries).run(kata, learner, repo.testResources()).stream()
                    .map(r -> new Entry(r.name(), r.tags(), r.status().name(), r.message(), r.output()))
                    .toList();
            return new Report(kata, null, List.of(), ran);
        }
    }

    /**
     * Learner code that would be run as a test or in place of one: a class with the same name as
     * a test class (the learner's copy would be loaded first), or any class that refers to JUnit
     * (a test class must, through its annotations). Both would let edited tests in through the
     * learner's own folder, which the protected digests do not cover.
     */
    static List<String> posingAsTests(KataCompiler.Output classes) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : classFiles(classes.mainClasses())) {
            String relative = classes.mainClasses().relativize(file).toString();
            String name = relative.replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
            if (Files.exists(classes.testClasses().resolve(relative))) {
                found.add(name + ": your code declares a class of the kata's tests, which would run in its place");
            } else if (mentionsJUnit(Files.readAllBytes(file))) {
                found.add(name + ": your class uses JUnit, and kata code may not contain tests");
            }
        }
        return found;
    }

    private static boolean mentionsJUnit(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return text.contains("org/junit") || text.contains("org.junit");
    }

    private static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }

    /** Lists the kata's tests without running them, named as {@link TestRunner} names them. */
    static List<Entry> discover(String kata, KataCompiler.Output classes, Path testResources) throws IOException {
        Thread me = Thread.currentThread();
        ClassLoader previous = me.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader("plan-" + kata,
                urls(List.of(classes.mainClasses(), classes.testClasses(), testResources)), GradeChild.class.getClassLoader())) {
            me.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(kata)).build();
            TestPlan plan = LauncherFactory.create().discover(request);
            List<Entry> tests = new ArrayList<>();
            for (TestIdentifier root : plan.getRoots()) {
                plan.getDescendants(root).stream().filter(TestIdentifier::isTest)
                        .forEach(t -> tests.add(new Entry(name(plan, t), tags(plan, t), "PLANNED", "", "")));
            }
            return tests;
        } finally {
            me.setContextClassLoader(previous);
        }
    }

    private static String name(TestPlan plan, TestIdentifier id) {
        List<String> names = new ArrayList<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            if (at.get().getParentIdObject().isPresent()) {
                names.addFirst(at.get().getDisplayName());
            }
        }
        return String.join(" › ", names);
    }

    private static Set<String> tags(TestPlan plan, TestIdentifier id) {
        Set<String> tags = new TreeSet<>();
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            at.get().getTags().stream().map(TestTag::getName).forEach(tags::add);
        }
        return tags;
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

    static void write(Path file, Report report) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(report));
    }

    static Optional<Report> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Report.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
