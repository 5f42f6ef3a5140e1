package support;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Helpers for the small Java programs that kata tests run as child JVMs.
 *
 * <p>A child program calls {@link #dieWithParent()} first thing in its {@code main}: if the JVM
 * that started it ends for any reason, even killed, and even before the child got that far, the
 * child halts too, so no child JVM outlives a test run, whatever the code under test did. Tests
 * that start a child themselves build the command with {@link #command}: this JVM's own
 * {@code java} and class path, never a shell, and this JVM's identity for the child to check.
 */
public final class ChildProgram {

    /**
     * The system property that {@link #command} sets to {@code <pid>@<start instant>} of the JVM
     * that starts the child, so the child can tell its real parent from a process that merely
     * took over the pid.
     */
    static final String PARENT_PROPERTY = "katas.parent";

    /**
     * A line of the JVM's own unified logging, such as {@code [warning][perf,memops] Cannot use
     * file ...}: a level in brackets, then tags in brackets (after the uptime,
     * {@code [0.011s]}, with the default decorations). The JVM writes these to standard
     * output before {@code main} runs, never a program's own text.
     */
    private static final Pattern JVM_LOG_LINE =
            Pattern.compile("(?m)^(?:\\[[0-9.]+s\\])?\\[(?:error|warning|info|debug|trace)\\]\\[[a-z0-9_,]+\\].*(?:\\R|\\z)");

    private ChildProgram() {}

    /**
     * Makes this JVM halt as soon as the JVM that started it ends.
     *
     * <p>Returns at once; a daemon watcher does the waiting. If the parent has ended already, the
     * JVM halts at once: a parent that is gone, a process that reuses its pid, or an adoptive
     * parent (init or a subreaper, which orphans are handed to) that is not a JVM, all count as
     * ended. The parent is known exactly when it started the child with {@link #command};
     * otherwise (a command built by the code under test) it is checked as well as the operating
     * system allows.
     */
    public static void dieWithParent() {
        Optional<ProcessHandle> parent = expectedParent().or(() -> ProcessHandle.current().parent());
        if (parent.isEmpty() || !isStillOurParent(parent.get())) {
            Runtime.getRuntime().halt(3);
        }
        // onExit of a process that has already ended completes at once: no window for a lost wake-up.
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(3));
    }

    /** The parent named by {@link #PARENT_PROPERTY}, if set; halts if it is gone or replaced. */
    private static Optional<ProcessHandle> expectedParent() {
        String named = System.getProperty(PARENT_PROPERTY);
        if (named == null) {
            return Optional.empty();
        }
        String[] pidAndStart = named.split("@", 2);
        ProcessHandle parent = ProcessHandle.of(Long.parseLong(pidAndStart[0])).orElse(null);
        if (parent == null) {
            Runtime.getRuntime().halt(3);
        }
        String start = pidAndStart.length == 2 ? pidAndStart[1] : "";
        // Within a second: both sides read the same clock, at the operating system's granularity.
        if (!start.isEmpty() && !parent.info().startInstant()
                .map(s -> Duration.between(s, Instant.parse(start)).abs().compareTo(Duration.ofSeconds(1)) < 0)
                .orElse(true)) {
            Runtime.getRuntime().halt(3); // its pid now belongs to another process
        }
        return Optional.of(parent);
    }

    private static boolean isStillOurParent(ProcessHandle parent) {
        if (!parent.isAlive() || parent.pid() == 1) {
            return false; // pid 1 is init: it adopts orphans, it never starts a kata's child
        }
        Optional<Instant> parentStart = parent.info().startInstant();
        Optional<Instant> ownStart = ProcessHandle.current().info().startInstant();
        if (parentStart.isPresent() && ownStart.isPresent() && parentStart.get().isAfter(ownStart.get())) {
            return false; // started after us: it took over the pid of a parent that has died
        }
        // Every kata child is started by a JVM; an adoptive subreaper (systemd, tini) is not one.
        return parent.info().command()
                .map(c -> Path.of(c).getFileName().toString().toLowerCase(Locale.ROOT))
                .map(name -> name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe"))
                .orElse(true); // unknown (another user's process): trust it, onExit still works
    }

    /** The java executable of the running JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The command line that runs {@code mainClass} with {@code args} in a new JVM with this JVM's
     * java and class path.
     *
     * <p>The child writes UTF-8, and runs without the JVM's performance-data file
     * ({@code -XX:-UsePerfData}): under load a JVM whose file is locked by another process prints a
     * warning of its own on standard output, which would land among the child's output.
     *
     * @throws NullPointerException if any argument is null
     */
    public static List<String> command(Class<?> mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        ProcessHandle self = ProcessHandle.current();
        String identity = self.pid() + "@" + self.info().startInstant().map(Instant::toString).orElse("");
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dfile.encoding=UTF-8",
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-D" + PARENT_PROPERTY + "=" + identity,
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        for (String arg : args) {
            command.add(Objects.requireNonNull(arg, "args"));
        }
        return command;
    }

    /**
     * {@code output} without the lines the JVM itself logged (unified logging, such as
     * {@code [warning][perf,memops] ...}), for comparing what a child JVM started by the code under
     * test wrote: that code may start it without {@code -XX:-UsePerfData}, and a warning of the
     * JVM's own is not the child's output. Any other line is kept exactly.
     *
     * @throws NullPointerException if {@code output} is null
     */
    public static String withoutJvmLog(String output) {
        return JVM_LOG_LINE.matcher(Objects.requireNonNull(output, "output")).replaceAll("");
    }
}
