package katatool.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs each verdict's tests in a JVM of its own, started and warmed up before the verdict is
 * asked for, and thrown away after it.
 *
 * <p>A learner's code that leaks a spinning thread, a stuck executor or a child process leaves it
 * behind in that JVM only: the next verdict starts clean, as fast as the first. The spare JVM
 * loads the test libraries and runs JUnit once while the learner reads the previous verdict, so
 * a save pays for neither a JVM start nor a cold launcher. Not thread-safe: one verdict at a time.
 */
final class VerdictJvm implements AutoCloseable {

    private final String libraries;
    private final Path testResources;
    /** A started JVM, its answers, and whether it has said it is warm. */
    private static final class Spare {
        final Process jvm;
        final BufferedReader answers;
        boolean ready;

        Spare(Process jvm) {
            this.jvm = jvm;
            this.answers = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        }
    }

    private Spare spare;
    /** The kata and classes of the last verdict: the next spare discovers them while warming up. */
    private List<String> last = List.of();
    private long lastPid = -1;

    /**
     * @param libraries the class path of the tool and the test libraries
     * @param testResources the katas' test resources (their JUnit configuration), used to warm up
     */
    VerdictJvm(String libraries, Path testResources, Path workDir) {
        this.libraries = libraries;
        this.testResources = testResources;
        this.aotCache = workDir.resolve("verdict-jvm-" + Integer.toHexString((libraries + "|" + stamps(libraries) + "|"
                + Runtime.version() + "|" + JIT).hashCode()) + ".aot");
        this.spare = start();
    }

    /**
     * The AOT cache of the verdict JVM (JDK 25: classes loaded and linked, and method profiles,
     * from a training run): it makes a fresh JVM warm in a third of the time. Keyed by the class
     * path, its files' times and the Java version, so a rebuilt tool trains a new one.
     */
    private final Path aotCache;
    private boolean trainingStarted;

    private static String stamps(String classpath) {
        StringBuilder stamps = new StringBuilder();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            try {
                stamps.append(Files.getLastModifiedTime(Path.of(entry)).toMillis()).append(',');
            } catch (IOException | RuntimeException gone) {
                stamps.append("-,");
            }
        }
        return stamps.toString();
    }

    /** The process id of the JVM that ran the last verdict (the tool's tests look at it). */
    long lastPid() {
        return lastPid;
    }

    /**
     * Waits until the spare JVM has warmed up (the benchmark uses it: a learner reads the last
     * verdict meanwhile).
     *
     * @return false if it died instead
     */
    boolean awaitReady() {
        if (spare == null) {
            spare = start();
        }
        try {
            for (String line; !spare.ready && (line = spare.answers.readLine()) != null; ) {
                spare.ready = line.equals(VerdictWorker.READY);
            }
        } catch (IOException e) {
            return false;
        }
        return spare.ready;
    }

    /** Runs the selected tests in the spare JVM, then ends it and its children and warms the next. */
    List<TestRunner.Result> run(String kataId, KataCompiler.Output classes, Path resources, TestRunner.Selection selection) {
        awaitRetired();
        Spare taken = spare != null && spare.jvm.isAlive() ? spare : start();
        Process jvm = taken.jvm;
        spare = null;
        last = List.of(kataId, classes.mainClasses().toString(), classes.testClasses().toString());
        lastPid = jvm.pid();
        Path results = null;
        try {
            results = Files.createTempFile("kata-verdict", ".bin");
            Writer request = new OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8);
            request.write(String.join("\t", kataId, classes.mainClasses().toString(), classes.testClasses().toString(),
                    resources.toString(), Integer.toString(selection.task()), Boolean.toString(selection.all()),
                    results.toString()) + "\n");
            request.flush();
            TestRunner.Phases.mark("hand-over: request sent");
            BufferedReader answer = taken.answers;
            boolean done = false;
            long asked = System.nanoTime();
            for (String line; !done && (line = answer.readLine()) != null; ) {
                done = line.equals(VerdictWorker.DONE);
                TestRunner.Phases.parse(line).ifPresent(p -> TestRunner.Phases.add(
                        new TestRunner.Phases.Phase("verdict JVM: " + p.name(), p.wallNanos(), p.cpuNanos())));
                if (Boolean.getBoolean("kata.timing")) {
                    System.err.printf("[timing] verdict JVM %d: %s after %d ms%n", jvm.pid(), line,
                            (System.nanoTime() - asked) / 1_000_000);
                }
            }
            TestRunner.Phases.mark("verdict JVM (wall: request to done; CPU: this JVM only)");
            if (!done) {
                return List.of(died(kataId, jvm));
            }
            try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(results))) {
                @SuppressWarnings("unchecked")
                List<TestRunner.Result> read = (List<TestRunner.Result>) in.readObject();
                TestRunner.Phases.mark("results read");
                return read;
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        } catch (IOException e) {
            if (!jvm.isAlive()) {
                return List.of(died(kataId, jvm));
            }
            throw new UncheckedIOException(e);
        } finally {
            retire(jvm);
            if (results != null) {
                try {
                    Files.deleteIfExists(results);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans it up
                }
            }
            TestRunner.Phases.mark("verdict JVM retired");
            spare = start(); // warms up while the learner reads this verdict
            train();
            TestRunner.Phases.mark("next spare started");
        }
    }

    /**
     * A training JVM writes its AOT cache as it exits: it is left to exit by itself (the
     * verdict is in), then its cache is moved into place; one that takes too long is ended.
     */
    private void finishTraining(Process jvm) {
        Path written = trainingOutput();
        Thread.ofPlatform().daemon().name("kata-aot-training").start(() -> {
            try {
                if (jvm.waitFor(3, java.util.concurrent.TimeUnit.MINUTES) && jvm.exitValue() == 0 && Files.isRegularFile(written)) {
                    Files.move(written, aotCache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | InterruptedException notThisTime) {
                // the next watch trains again
            } finally {
                end(jvm);
                try {
                    Files.deleteIfExists(written);
                } catch (IOException ignored) {
                    // a temporary file in the tool's work folder
                }
            }
        });
    }

    private Path trainingOutput() {
        return aotCache.resolveSibling(aotCache.getFileName() + ".training");
    }

    private static TestRunner.Result died(String kataId, Process jvm) {
        String exit = jvm.isAlive() ? "" : " (exit code " + jvm.exitValue() + ")";
        return new TestRunner.Result(kataId, "the test run", Set.of(), TestRunner.Status.FAILED,
                "The JVM running the tests ended before they finished" + exit
                        + ": does your code call System.exit or Runtime.halt?", "", "[verdict-jvm]");
    }

    /**
     * Once per tool build, after the first verdict: a JVM of its own warms up as a spare does
     * (JUnit, the last kata's discovery), records what it loaded and exits, writing the AOT cache
     * that later spares start from. Never a spare itself: recording slows a JVM down.
     */
    private void train() {
        if (trainingStarted || Files.isRegularFile(aotCache) || Boolean.getBoolean("kata.noAotCache")) {
            return;
        }
        trainingStarted = true;
        try {
            Files.createDirectories(aotCache.getParent());
            List<String> command = command(List.of("-XX:AOTCacheOutput=" + trainingOutput(), "-Dkata.aotTraining=true"));
            finishTraining(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException | RuntimeException notThisTime) {
            // no cache: the spares start as they did before
        }
    }

    private Spare start() {
        List<String> aot = Files.isRegularFile(aotCache) && !Boolean.getBoolean("kata.noAotCache")
                ? List.of("-XX:AOTCache=" + aotCache) : List.of();
        try {
            return new Spare(new ProcessBuilder(command(aot)).redirectError(Boolean.getBoolean("kata.timing")
                    ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a JVM for the tests: " + e.getMessage(), e);
        }
    }

    /**
     * The verdict JVM compiles with C1 only: a verdict is a second or so of code run once, and on
     * 2 cores C2's compiler threads took more CPU than they gave back (measured with the benchmark's
     * {@code --phases}: a passing k06 save's tests went from about 350 to 140 ms of CPU, its discovery
     * from 110 to 45). Java's memory model is the same under either compiler, and no kata test may
     * depend on timing, so no verdict can depend on it; {@code -Dkata.verdictJvm.c2=true} keeps C2.
     */
    static final List<String> JIT = Boolean.getBoolean("kata.verdictJvm.c2") ? List.of() : List.of("-XX:TieredStopAtLevel=1");

    private List<String> command(List<String> aot) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dfile.encoding=UTF-8", "-Xshare:auto",
                "-Dslf4j.internal.verbosity=ERROR", "-Dkata.timing=" + Boolean.getBoolean("kata.timing"),
                "-Dkata.phases=" + TestRunner.Phases.on()));
        command.addAll(JIT);
        command.addAll(aot);
        // For measuring other settings with the benchmark (its --phases), e.g. -Dkata.verdictJvm.options="-XX:+UseSerialGC".
        String extra = System.getProperty("kata.verdictJvm.options", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split(" +")));
        }
        // The katas' own settings (the suite's drills shorten the leak grace) reach the tests there too.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("katas.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-cp", libraries, VerdictWorker.class.getName(), testResources.toString()));
        command.addAll(last);
        return command;
    }

    /** The last verdict's JVM being ended, on a thread of its own. */
    private Thread retiring;

    /**
     * Ends a verdict's JVM and everything it started on a thread of its own: the verdict is
     * shown meanwhile (waiting for the JVM to go took 15 to 30 ms of each save).
     */
    private void retire(Process jvm) {
        // The worker ends its own children before it halts; end() looks again, off the verdict's path.
        retiring = Thread.ofPlatform().daemon().name("kata-verdict-retire").start(() -> end(jvm));
    }

    /** Waits until the last verdict's JVM is gone: at most one verdict JVM runs learner code at a time. */
    private void awaitRetired() {
        if (retiring != null) {
            try {
                retiring.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            retiring = null;
        }
    }

    /** Ends a verdict's JVM and everything it started: no thread or child outlives its verdict. */
    private static void end(Process jvm) {
        List<ProcessHandle> children = jvm.descendants().toList();
        jvm.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            jvm.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        awaitRetired();
        if (spare != null) {
            end(spare.jvm);
            spare = null;
        }
    }
}
