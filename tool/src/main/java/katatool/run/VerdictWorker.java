package katatool.run;

import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The spare JVM of {@link VerdictJvm}: warms up, says {@value #READY}, runs the one verdict it is
 * asked for (one request line on standard input), writes the results to the file the request
 * names, says {@value #DONE}, and halts.
 */
public final class VerdictWorker {

    static final String READY = "kata-verdict-ready";
    static final String DONE = "kata-verdict-done";

    private VerdictWorker() {}

    /** Argument: the katas' test resources folder (their JUnit configuration). */
    public static void main(String[] args) throws Exception {
        // If the tool dies or is killed, this JVM must not live on running a learner's code.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setOut(silent); // what the tests print goes to the verdict, never into the protocol
        long started = System.nanoTime();
        Launcher launcher = warmUp(Path.of(args[0]));
        if (args.length == 4 && !asked()) {
            // The last verdict's kata, discovered only: loads the discovery's code and the test
            // classes' libraries without running a line of the learner's code. Its files may be
            // half rewritten by the next compile: any failure here only costs warmth.
            // Three times, each in a class loader of its own as a verdict's: the discovery code is then
            // compiled (a k06 verdict's discovery went from about 50 to 30 ms of CPU), while the learner reads.
            for (int i = 0, rounds = Integer.getInteger("kata.warmUpDiscoveries", 3); i < rounds && !asked(); i++) {
                try {
                    new TestRunner(System.getProperty("java.class.path"), launcher).run(args[1],
                            new KataCompiler.Output(Path.of(args[2]), Path.of(args[3])), Path.of(args[0]),
                            TestRunner.Selection.DISCOVER_ONLY);
                } catch (RuntimeException | LinkageError notNow) {
                    // warm enough without it
                }
            }
        }
        if (Boolean.getBoolean("kata.timing")) {
            System.err.printf("[timing] warm-up %d ms%n", (System.nanoTime() - started) / 1_000_000);
        }
        if (TestRunner.Phases.on()) {
            TestRunner.Phases.cpu(); // loaded while warming up, not while timing a verdict
        }
        if (Boolean.getBoolean("kata.aotTraining")) {
            System.exit(0); // a training run writes the AOT cache as it exits normally
        }
        protocol.println(READY);
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            Runtime.getRuntime().halt(0); // the tool closed: no verdict wanted
        }
        long asked = System.nanoTime();
        TestRunner.Phases.start();
        String[] f = line.split("\t", -1);
        List<TestRunner.Result> results = new TestRunner(System.getProperty("java.class.path"), launcher).run(f[0],
                new KataCompiler.Output(Path.of(f[1]), Path.of(f[2])), Path.of(f[3]),
                new TestRunner.Selection(Integer.parseInt(f[4]), Boolean.parseBoolean(f[5])));
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(f[6])))) {
            out.writeObject(new ArrayList<>(results));
        }
        TestRunner.Phases.mark("results written");
        for (TestRunner.Phases.Phase phase : TestRunner.Phases.take()) {
            protocol.println(TestRunner.Phases.line(phase.name(), phase.wallNanos(), phase.cpuNanos()));
        }
        if (Boolean.getBoolean("kata.timing")) {
            System.err.printf("[timing] worker: request to results written %d ms%n", (System.nanoTime() - asked) / 1_000_000);
        }
        protocol.println(DONE);
        // Children the tests left behind (the leak check ends those of passing tests) go with this
        // JVM: once it is gone they would no longer be found as its descendants.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        // halt, not exit: a learner's shutdown hook or a stuck non-daemon thread must not hold the verdict up.
        Runtime.getRuntime().halt(0);
    }

    /**
     * Loads and runs what every verdict needs (the launcher, Jupiter, AssertJ, Awaitility) a few
     * times over, so that the verdict runs on loaded classes and partly compiled code.
     */
    private static Launcher warmUp(Path testResources) {
        Launcher launcher = LauncherFactory.create();
        int rounds = Integer.getInteger("kata.warmUpRounds", WARM_UP_ROUNDS);
        for (int i = 0; i < rounds && !asked(); i++) {
            long started = System.nanoTime();
            var request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(WarmUp.class))
                    .filters(TagFilter.includeTags("task:" + (1 + i % 2)))
                    .configurationParameters(TestRunner.katasConfiguration(testResources))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .configurationParameter("junit.platform.output.capture.stdout", "true")
                    .build();
            launcher.execute(request, new SummaryGeneratingListener());
            if (Boolean.getBoolean("kata.timing")) {
                System.err.printf("[timing] warm-up round %d: %d ms%n", i, (System.nanoTime() - started) / 1_000_000);
            }
        }
        return launcher;
    }

    private static final int WARM_UP_ROUNDS = 10;

    /** True once a verdict is asked for: it is served at once, however warm this JVM is by then. */
    private static boolean asked() {
        try {
            return System.in.available() > 0;
        } catch (java.io.IOException closed) {
            return true;
        }
    }

    /** Tests shaped like kata tests (nested, tagged, named, timed out in a separate thread). */
    @DisplayName("warm-up")
    public static final class WarmUp {

        @Nested
        @Tag("task:1")
        @DisplayName("one")
        class One {
            @Test
            @DisplayName("passes")
            void passes() {
                touch();
            }

            @Test
            @DisplayName("fails")
            void fails() {
                Assertions.assertThatThrownBy(() -> Assertions.assertThat(1).as("one").isEqualTo(2))
                        .isInstanceOf(AssertionError.class);
            }
        }

        @Nested
        @Tag("task:2")
        @DisplayName("two")
        class Two {
            @Test
            @DisplayName("passes")
            void passes() {
                touch();
            }
        }

        static void touch() {
            Assertions.assertThat(List.of(1, 2)).hasSize(2).contains(1);
            Assertions.assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> {
                throw new IllegalStateException("warm");
            });
            await("warm").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).until(() -> true);
        }
    }
}
