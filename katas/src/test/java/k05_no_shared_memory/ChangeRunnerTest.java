package k05_no_shared_memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import support.ChildProgram;
import support.ClassPathHold;
import support.DefaultCharsetCalls;
import support.Waits;

@DisplayName("a global balance changed by 5 and by 8")
class ChangeRunnerTest {

    @BeforeEach
    void freshBalance() {
        GlobalBalance.reset();
    }

    /** What one child JVM running ChangeBalance did. */
    record Run(int exitCode, String stdout, String stderr) {}

    /** Runs ChangeBalance in a child JVM, as the test's own launcher does it, and reaps it whatever happens. */
    static Run runChangeBalance(long amount) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(ChildProgram.command(ChangeBalance.class, Long.toString(amount))).start();
        try {
            child.getOutputStream().close();
            // stderr stays small (a stack trace at most): reading it after stdout cannot deadlock.
            String out = readAll(child.getInputStream());
            String err = readAll(child.getErrorStream());
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child ended").isTrue();
            return new Run(child.exitValue(), out, err);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static long newLiveChildren(Set<Long> before) {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).filter(c -> !before.contains(c.pid())).count();
    }

    private static Set<Long> liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    @Nested
    @Tag("task:1")
    @DisplayName("ChangeBalance, the child's program (task 1)")
    class ChildProgramReports {

        @Test
        @DisplayName("adds its amount to its own balance and reports it on one line of stdout")
        void reportsItsBalance() throws Exception {
            Run run = runChangeBalance(5);

            assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isZero();
            assertThat(run.stdout().lines().toList()).containsExactly("balance=5");
        }

        @Test
        @DisplayName("starts from 0 in every child, whatever the parent's balance, and leaves the parent's alone")
        void childStartsFromZero() throws Exception {
            GlobalBalance.add(100);

            Run run = runChangeBalance(8);

            assertThat(run.stdout().lines().toList()).as("the child's report; stderr: %s", run.stderr())
                    .containsExactly("balance=8");
            assertThat(GlobalBalance.get()).as("the parent's balance").isEqualTo(100);
        }

        @Test
        @DisplayName("changes this JVM's balance when the same main runs here, in the parent, instead")
        void sameProgramInProcessSharesTheBalance() {
            PrintStream original = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                ChangeBalance.main(new String[] {"5"});
            } finally {
                System.setOut(original);
            }

            assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("balance=5");
            assertThat(GlobalBalance.get()).as("the balance is per JVM, not per program").isEqualTo(5);
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("inChildProcesses (task 2)")
    class InChildProcesses {

        @Test
        @DisplayName("returns what each child reported, 5 and 8, while the parent's balance stays 0")
        void childrenChangeOnlyTheirOwnBalance() throws Exception {
            Set<Long> before = liveDescendants();

            List<Long> reported = ChangeRunner.inChildProcesses(5, 8);

            assertThat(reported).as("each child's own balance").containsExactly(5L, 8L);
            assertThat(GlobalBalance.get()).as("the parent's balance, the tutorial's print(balance)").isZero();
            assertThat(GlobalBalance.changedBy()).as("threads of the parent that changed its balance").isEmpty();
            assertThat(liveDescendants()).as("children still alive after the call").isSubsetOf(before);
        }

        @Test
        @Timeout(30) // two JVMs to start and finish on a machine that may be busy
        @DisplayName("starts every child before it waits for any of them")
        void startsEveryChildBeforeWaitingForAny() throws Exception {
            Set<Long> before = liveChildren();
            FutureTask<List<Long>> call = new FutureTask<>(() -> ChangeRunner.inChildProcesses(5, 8));
            // Every child started meanwhile waits in GlobalBalance.add, before its change, until the hold is closed.
            try (ClassPathHold held = ClassPathHold.of(
                    GlobalBalance.class.getPackageName() + "/" + GlobalBalance.CHILD_HOLD)) { // portability: allowed (a resource name)
                Thread caller = Thread.ofPlatform().name("inChildProcesses").start(call);
                try {
                    // No child can end while held: code that waits for the first child before it
                    // starts the second never has both running.
                    Waits.until("both children to be running at once", Waits.PROMPTLY,
                            () -> newLiveChildren(before) >= 2, caller);
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("While the child for 5 could not yet end, your code started "
                            + newLiveChildren(before) + " of the 2 children and then waited: it must start every child "
                            + "before it waits for any, so that they run side by side (as the tutorial starts each "
                            + "Process, then joins them)");
                } catch (AssertionError e) {
                    call.get(0, TimeUnit.SECONDS); // the caller ended early: show its exception
                    throw e;
                }
            }
            assertThat(call.get(20, TimeUnit.SECONDS)).containsExactly(5L, 8L);
        }

        @Test
        @DisplayName("decodes the children's reports in a charset it names, never the platform's default")
        void namesTheCharset() throws Exception {
            assertThat(ChangeRunner.inChildProcesses(5)).containsExactly(5L);
            // The reports are ASCII, so the text alone cannot show a decoding that relies on the default: the class file can.
            assertThat(DefaultCharsetCalls.in(ChangeRunner.class)).as("calls that use the platform's default charset").isEmpty();
        }

        @Test
        @DisplayName("reports negative amounts too, and nothing for no amounts")
        void otherAmounts() throws Exception {
            assertThat(ChangeRunner.inChildProcesses(-3)).containsExactly(-3L);
            assertThat(ChangeRunner.inChildProcesses()).isEmpty();
            assertThat(GlobalBalance.get()).isZero();
        }

        @Test
        @DisplayName("kills and reaps every child when the caller is interrupted, then throws InterruptedException")
        void reapsChildrenWhenInterrupted() {
            Set<Long> before = liveDescendants();
            try {
                Thread.currentThread().interrupt(); // the first wait inside the call sees it at once

                assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> ChangeRunner.inChildProcesses(5, 8));
                assertThat(liveDescendants()).as("children still alive after the call gave up").isSubsetOf(before);
            } finally {
                Thread.interrupted(); // leave this thread as it was
            }
        }

        @Test
        @DisplayName("rejects null amounts")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChangeRunner.inChildProcesses((long[]) null));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("inThreads (task 3)")
    class InThreads {

        @Test
        @DisplayName("shares the change: after joining both threads the parent's balance is 13")
        void threadsShareTheBalance() throws Exception {
            long seen = ChangeRunner.inThreads(5, 8);

            assertThat(seen).isEqualTo(13);
            assertThat(GlobalBalance.get()).isEqualTo(13);
        }

        @Test
        @DisplayName("makes each change on a new thread, not the caller's, and joins it")
        void oneNewThreadPerChange() throws Exception {
            ChangeRunner.inThreads(5, 8);

            List<Thread> changers = GlobalBalance.changedBy();
            assertThat(changers).hasSize(2).doesNotHaveDuplicates().doesNotContain(Thread.currentThread());
            assertThat(changers).as("platform threads, as the task says").noneMatch(Thread::isVirtual);
            assertThat(changers).allSatisfy(t -> assertThat(t.getState()).as(t.getName()).isEqualTo(Thread.State.TERMINATED));
        }

        @Test
        @DisplayName("takes turns: starts the next thread only once the one before has ended")
        void oneAfterTheOther() throws Exception {
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            CountDownLatch release = new CountDownLatch(1);
            GlobalBalance.holdChangesUntil(release); // the first change waits here until released
            FutureTask<Long> call = new FutureTask<>(() -> ChangeRunner.inThreads(5, 8));
            Thread caller = Thread.ofPlatform().name("caller").start(call);
            try {
                await("the first change to be held and the caller to wait").atMost(Duration.ofSeconds(5))
                        .until(() -> GlobalBalance.changedBy().size() >= 1
                                && (caller.getState() == Thread.State.WAITING || caller.getState() == Thread.State.TIMED_WAITING));
                // A thread started before the first one ended is alive now: the held change keeps the first from ending.
                List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                        // The JDK's and the test framework's helper threads are daemons; a changer is not.
                        .filter(t -> !before.contains(t) && t != caller && t.isAlive() && !t.isDaemon()
                                && !t.getName().startsWith("awaitility") && !t.getName().startsWith("junit"))
                        .toList();
                assertThat(started).as("threads running while the first change is not done").hasSize(1)
                        .containsExactlyElementsOf(GlobalBalance.changedBy());
            } finally {
                release.countDown();
                GlobalBalance.holdChangesUntil(null);
            }
            assertThat(call.get(5, TimeUnit.SECONDS)).isEqualTo(13);
        }

        @Test
        @DisplayName("returns the balance unchanged for no amounts, and rejects null")
        void noAmountsAndNull() throws Exception {
            GlobalBalance.add(7);
            assertThat(ChangeRunner.inThreads()).isEqualTo(7);
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ChangeRunner.inThreads((long[]) null));
        }
    }
}
