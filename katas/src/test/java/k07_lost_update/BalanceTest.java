package k07_lost_update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("a balance changed by two threads")
class BalanceTest {

    /** The tutorial's loop count: each thread runs change_it this many times. */
    static final int ROUNDS = 1_000_000;

    /**
     * What the tutorial's program left, and what a reader saw while it ran.
     *
     * @param balance the balance once both writers had ended
     * @param readings how many times the reader called get while the writers ran
     * @param impossible how many of those readings were none of 0, 5, 8 and 13
     * @param example one impossible reading, if there was one
     */
    record TutorialRun(long balance, long readings, long impossible, long example) {}

    /**
     * The tutorial's program: two threads run change(5) and change(8) a million times each,
     * released together by a barrier so they really overlap. A safe balance ends at 0.
     *
     * <p>Like Go's bank-account test, a third thread reads the balance all the while. Between
     * whole adds the balance can only be 0, 5, 8 or 13; any other reading is a lost update seen
     * as it happens (a balance that lost updates drifts to other numbers).
     */
    static TutorialRun tutorialRun(Balance balance) throws Exception {
        CyclicBarrier start = new CyclicBarrier(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            Future<?> a = pool.submit(() -> changeManyTimes(balance, 5, start));
            Future<?> b = pool.submit(() -> changeManyTimes(balance, 8, start));
            Future<long[]> reader = pool.submit(() -> readWhile(balance, writing, start));
            try {
                a.get();
                b.get();
            } finally {
                writing.set(false);
            }
            long[] seen = reader.get();
            return new TutorialRun(balance.get(), seen[0], seen[1], seen[2]);
        }
    }

    private static long[] readWhile(Balance balance, AtomicBoolean writing, CyclicBarrier start)
            throws InterruptedException, BrokenBarrierException {
        start.await();
        long readings = 0;
        long impossible = 0;
        long example = 0;
        while (writing.get()) {
            long seen = balance.get();
            readings++;
            if (seen != 0 && seen != 5 && seen != 8 && seen != 13) {
                impossible++;
                example = seen;
            }
        }
        return new long[] {readings, impossible, example};
    }

    private static Void changeManyTimes(Balance balance, long n, CyclicBarrier start)
            throws InterruptedException, BrokenBarrierException {
        start.await();
        for (int i = 0; i < ROUNDS; i++) {
            balance.change(n);
        }
        return null;
    }

    @Nested
    @Tag("given")
    @DisplayName("the unlocked balance (given, for study)")
    class Unlocked {

        @Test
        @DisplayName("counts correctly when only one thread uses it")
        void correctOnOneThread() {
            Balance balance = new UnsafeBalance();
            balance.add(5);
            balance.add(8);
            assertThat(balance.get()).isEqualTo(13);
        }

        @Test
        @DisplayName("loses an update on every run when the second thread reads before the first writes")
        void losesAnUpdateWhenForced() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(UnsafeBalance::new, false);

            assertThat(outcome.secondReadWhileFirstHeld()).as("both threads read the same old balance").isTrue();
            assertThat(outcome.balance()).as("5 + 8 with one update lost").isEqualTo(5);
        }

        @Test
        @DisplayName("loses nine updates at once when ten threads add while the first is between its read and its write")
        void losesManyUpdatesAtOnce() throws InterruptedException {
            CrowdProbe.Outcome outcome = CrowdProbe.run(UnsafeBalance::new);

            assertThat(outcome.balance()).as("only the first thread's 1 is left: its write wiped out nine updates")
                    .isEqualTo(1).isNotEqualTo(outcome.expected());
        }
    }

    /** What every safe balance must do, whatever it is built on. */
    abstract static class SafeContract {

        abstract Balance newBalance();

        /** Whether get sees whole adds only; a LongAdder's sum, read while writers run, need not. */
        boolean readsWholeAdds() {
            return true;
        }

        @Test
        @DisplayName("ends at 0 after two threads run change(5) and change(8) a million times each, and a reader meanwhile sees only 0, 5, 8 or 13")
        void tutorialRunEndsAtZero() throws Exception {
            TutorialRun run = tutorialRun(newBalance());

            assertThat(run.balance()).as("the balance after two million change(5) and change(8): %s",
                    run.balance() == 0 ? "none lost" : "updates were lost, %d off".formatted(Math.abs(run.balance())))
                    .isZero();
            if (readsWholeAdds()) {
                assertThat(run.impossible()).as("readings (of %d) that were none of 0, 5, 8 and 13, such as %d",
                        run.readings(), run.example()).isZero();
            }
        }

        @Test
        @DisplayName("adds and reads on one thread")
        void addsOnOneThread() {
            Balance balance = newBalance();
            balance.add(5);
            balance.add(-8);
            assertThat(balance.get()).isEqualTo(-3);
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("SynchronizedBalance (task 1)")
    class Synchronized extends SafeContract {

        @Override
        Balance newBalance() {
            return new SynchronizedBalance();
        }

        @Test
        @DisplayName("makes the second thread wait while the first is between its read and its write, and loses nothing")
        void secondThreadWaits() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(SynchronizedBalance::new, true);

            assertThat(outcome.balance()).isEqualTo(13);
            assertThat(outcome.secondSeenWaitingAtLock()).as("second thread blocked at the monitor").isTrue();
        }

        @Test
        @DisplayName("keeps all ten updates when ten threads add while the first is between its read and its write")
        void crowdLosesNothing() throws InterruptedException {
            CrowdProbe.Outcome outcome = CrowdProbe.run(SynchronizedBalance::new);

            assertThat(outcome.balance()).as(outcome.describe()).isEqualTo(outcome.expected());
            assertThat(outcome.othersSeenWaiting()).as("the nine others waited at the lock while the first was inside").isTrue();
        }

        @Test
        @DisplayName("makes a reader wait while another thread is between its read and its write, then shows it the new balance")
        void readerWaitsForWriter() throws InterruptedException {
            ReaderProbe.Outcome outcome = ReaderProbe.run(SynchronizedBalance::new);

            assertThat(outcome.returnedWhileWriterInside()).as("get returned %d while add(5) was half done:"
                    + " get does not wait for the lock that add holds", outcome.read()).isFalse();
            assertThat(outcome.read()).as("what get returned once add(5) had finished").isEqualTo(5);
        }

        @Test
        @Tag("given")
        @DisplayName("rejects a null hook (the constructor is given)")
        void rejectsNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new SynchronizedBalance(null));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("LockedBalance (task 2)")
    class Locked extends SafeContract {

        @Override
        Balance newBalance() {
            return new LockedBalance();
        }

        @Test
        @DisplayName("makes the second thread wait while the first is between its read and its write, and loses nothing")
        void secondThreadWaits() throws InterruptedException {
            InterleavingProbe.Outcome outcome = InterleavingProbe.run(LockedBalance::new, true);

            assertThat(outcome.balance()).isEqualTo(13);
            assertThat(outcome.secondSeenWaitingAtLock()).as("second thread parked at the lock").isTrue();
        }

        @Test
        @DisplayName("keeps all ten updates when ten threads add while the first is between its read and its write")
        void crowdLosesNothing() throws InterruptedException {
            CrowdProbe.Outcome outcome = CrowdProbe.run(LockedBalance::new);

            assertThat(outcome.balance()).as(outcome.describe()).isEqualTo(outcome.expected());
            assertThat(outcome.othersSeenWaiting()).as("the nine others waited at the lock while the first was inside").isTrue();
        }

        @Test
        @DisplayName("makes a reader wait while another thread is between its read and its write, then shows it the new balance")
        void readerWaitsForWriter() throws InterruptedException {
            ReaderProbe.Outcome outcome = ReaderProbe.run(LockedBalance::new);

            assertThat(outcome.returnedWhileWriterInside()).as("get returned %d while add(5) was half done:"
                    + " get does not wait for the lock that add holds", outcome.read()).isFalse();
            assertThat(outcome.read()).as("what get returned once add(5) had finished").isEqualTo(5);
        }

        @Test
        @DisplayName("releases the lock when the guarded code throws, so another thread can still add")
        void releasesLockOnException() throws Exception {
            AtomicBoolean failOnce = new AtomicBoolean(true);
            Balance balance = new LockedBalance(() -> {
                if (failOnce.getAndSet(false)) {
                    throw new IllegalStateException("failure while holding the lock");
                }
            });

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> balance.add(5));
            try (ExecutorService other = Executors.newSingleThreadExecutor()) {
                assertThat(other.submit(() -> balance.add(8))).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(balance.get()).isEqualTo(8);
        }

        @Test
        @DisplayName("releases the lock after a read, so another thread can add right after get")
        void readReleasesLock() {
            Balance balance = new LockedBalance();
            balance.add(5);

            assertThat(balance.get()).isEqualTo(5);
            try (ExecutorService other = Executors.newSingleThreadExecutor()) {
                assertThat(other.submit(() -> balance.add(8))).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(balance.get()).isEqualTo(13);
        }

        @Test
        @DisplayName("takes the lock before the try whose finally releases it, never inside it")
        void locksBeforeTry() {
            // lock() inside the try: if lock() failed, finally would unlock a lock never taken and hide the failure.
            JavaClass imported = new ClassFileImporter().importClasses(LockedBalance.class).get(LockedBalance.class);
            assertThat(imported.getMethodCallsFromSelf()).as("calls LockedBalance makes")
                    .anyMatch(call -> call.getName().equals("lock") || call.getName().equals("lockInterruptibly"));
            List<String> lockedInsideTry = imported.getCodeUnits().stream()
                    .flatMap(unit -> unit.getTryCatchBlocks().stream())
                    .flatMap(block -> block.getAccessesContainedInTryBlock().stream())
                    .filter(access -> access.getName().equals("lock") || access.getName().equals("lockInterruptibly"))
                    .map(access -> access.getOrigin().getName() + " (line " + access.getLineNumber() + ")")
                    .toList();
            assertThat(lockedInsideTry).as("methods that call lock() inside a try block").isEmpty();
        }

        @Test
        @DisplayName("is built on a ReentrantLock")
        void usesReentrantLock() {
            assertThat(dependencies(LockedBalance.class)).as("classes LockedBalance uses")
                    .contains(ReentrantLock.class.getName());
        }

        @Test
        @Tag("given")
        @DisplayName("rejects a null hook (the constructor is given)")
        void rejectsNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new LockedBalance(null));
        }
    }

    /** The AtomicLong methods that write only if the value is still the one expected. */
    private static final Set<String> COMPARE_AND_SET = Set.of("compareAndSet", "weakCompareAndSet",
            "weakCompareAndSetPlain", "weakCompareAndSetVolatile", "weakCompareAndSetAcquire", "weakCompareAndSetRelease",
            "compareAndExchange", "compareAndExchangeAcquire", "compareAndExchangeRelease");

    @Nested
    @Tag("task:3")
    @DisplayName("AtomicBalance (task 3)")
    class Atomic extends SafeContract {

        @Override
        Balance newBalance() {
            return new AtomicBalance();
        }

        @Test
        @DisplayName("is built on an AtomicLong and takes no lock")
        void usesAtomicLongAndNoLock() {
            assertThat(dependencies(AtomicBalance.class)).as("classes AtomicBalance uses")
                    .contains(AtomicLong.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.concurrent.locks."));
        }

        @Test
        @DisplayName("adds in one indivisible step: it never writes the AtomicLong with a plain set after reading it")
        void neverGetThenSet() {
            Balance balance = new AtomicBalance();
            balance.add(5);
            assertThat(balance.get()).isEqualTo(5);
            // get() then set(read + amount) is the lost update again: another add can land between the two.
            JavaClass imported = new ClassFileImporter().importClasses(AtomicBalance.class).get(AtomicBalance.class);
            List<String> plainWrites = imported.getMethodCallsFromSelf().stream()
                    .filter(call -> call.getTargetOwner().isEquivalentTo(AtomicLong.class))
                    .filter(call -> Set.of("set", "lazySet", "setPlain", "setOpaque", "setRelease").contains(call.getName()))
                    .map(call -> call.getOrigin().getName() + " calls " + call.getName() + " (line " + call.getLineNumber() + ")")
                    .toList();
            assertThat(plainWrites).as("plain writes to the AtomicLong").isEmpty();
        }

        @Test
        @DisplayName("retries a compareAndSet that failed, instead of dropping the update")
        void compareAndSetInALoop() throws IOException {
            Balance balance = new AtomicBalance();
            balance.add(5);
            assertThat(balance.get()).isEqualTo(5);
            // compareAndSet answers false when another add landed since the read: tried once, that add's
            // own amount is lost. No hook can force that moment here, so the class file shows it: a method
            // that calls compareAndSet must go round again (a jump back) when it failed.
            ClassModel model;
            try (InputStream in = AtomicBalance.class.getResourceAsStream("AtomicBalance.class")) {
                assertThat(in).as("class file of AtomicBalance").isNotNull();
                model = ClassFile.of().parse(in.readAllBytes());
            }
            String self = model.thisClass().asInternalName();
            // A helper that hands compareAndSet's answer straight back (return v.compareAndSet(...))
            // leaves the retry to its caller: then the caller must loop.
            Set<String> handsBack = new HashSet<>();
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> {
                    List<Instruction> instructions = code.elementList().stream()
                            .filter(Instruction.class::isInstance).map(Instruction.class::cast).toList();
                    for (int i = 0; i + 1 < instructions.size(); i++) {
                        if (compareAndSet(instructions.get(i)) && instructions.get(i + 1).opcode() == Opcode.IRETURN) {
                            handsBack.add(method.methodName().stringValue() + method.methodType().stringValue());
                        }
                    }
                });
            }
            List<String> triedOnce = new ArrayList<>();
            for (MethodModel method : model.methods()) {
                if (handsBack.contains(method.methodName().stringValue() + method.methodType().stringValue())) {
                    continue;
                }
                method.code().ifPresent(code -> {
                    Set<Label> seen = new HashSet<>();
                    boolean loops = false;
                    boolean compareAndSets = false;
                    for (CodeElement element : code) {
                        if (element instanceof LabelTarget target) {
                            seen.add(target.label());
                        } else if (element instanceof BranchInstruction branch && seen.contains(branch.target())) {
                            loops = true;
                        } else if (element instanceof InvokeInstruction call && (compareAndSet(call)
                                || call.owner().asInternalName().equals(self)
                                        && handsBack.contains(call.name().stringValue() + call.type().stringValue()))) {
                            compareAndSets = true;
                        }
                    }
                    if (compareAndSets && !loops) {
                        triedOnce.add(method.methodName().stringValue());
                    }
                });
            }
            assertThat(triedOnce).as("methods that call compareAndSet once, whatever it answers").isEmpty();
        }

        private static boolean compareAndSet(Instruction instruction) {
            return instruction instanceof InvokeInstruction call
                    && call.owner().asInternalName().equals("java/util/concurrent/atomic/AtomicLong")
                    && COMPARE_AND_SET.contains(call.name().stringValue());
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("AdderBalance (task 4)")
    class Adder extends SafeContract {

        @Override
        Balance newBalance() {
            return new AdderBalance();
        }

        @Override
        boolean readsWholeAdds() {
            return false; // sum() adds the cells one by one while writers change them: documented, not a lost update
        }

        @Test
        @DisplayName("is built on a LongAdder and takes no lock")
        void usesLongAdderAndNoLock() {
            assertThat(dependencies(AdderBalance.class)).as("classes AdderBalance uses")
                    .contains(LongAdder.class.getName())
                    .noneMatch(type -> type.startsWith("java.util.concurrent.locks."));
        }
    }

    /** The classes a class uses in its bytecode, read by ArchUnit: what it is really built on. */
    private static Set<String> dependencies(Class<?> type) {
        JavaClass imported = new ClassFileImporter().importClasses(type).get(type);
        return imported.getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
