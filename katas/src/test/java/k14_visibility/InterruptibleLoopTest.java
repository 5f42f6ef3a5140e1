package k14_visibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("InterruptibleLoop")
class InterruptibleLoopTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    /** A loop running on a thread of its own, with what it returned and what it left behind. */
    private record Run(Thread thread, FutureTask<Long> result, AtomicBoolean interruptedOnReturn) {

        static Run start(Step step) {
            AtomicBoolean interruptedOnReturn = new AtomicBoolean();
            FutureTask<Long> result = new FutureTask<>(() -> {
                long completed = InterruptibleLoop.runUntilInterrupted(step);
                interruptedOnReturn.set(Thread.currentThread().isInterrupted());
                return completed;
            });
            return new Run(Thread.ofPlatform().name("k14-interruptible-loop").start(result), result, interruptedOnReturn);
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            assertThat(result).as("the loop ended promptly after the interrupt").succeedsWithin(PROMPTLY);
            assertThat(thread.join(PROMPTLY)).as("its thread ended").isTrue();
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("runUntilInterrupted (task 3)")
    class RunUntilInterrupted {

        @Test
        @DisplayName("ends promptly when its thread is interrupted between steps, and counts the steps done")
        void endsWhenInterruptedWhileBusy() throws InterruptedException {
            LongAdder steps = new LongAdder();
            Run run = Run.start(steps::increment);
            await("the loop to run some steps, or to end").atMost(PROMPTLY)
                    .until(() -> steps.sum() > 0 || run.result().isDone());

            run.stop();

            assertThat(run.result().resultNow()).as("steps reported").isPositive().isLessThanOrEqualTo(steps.sum());
            assertThat(run.interruptedOnReturn()).as("interrupt status still set on return").isTrue();
        }

        @Test
        @DisplayName("ends promptly when interrupted while a step is blocked, which no flag could do")
        void endsWhenInterruptedWhileBlocked() throws InterruptedException {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            queue.add("first");
            queue.add("second");
            Run run = Run.start(queue::take);
            await("the loop to block on the empty queue, or to end").atMost(PROMPTLY)
                    .until(() -> run.result().isDone()
                            || (queue.isEmpty() && run.thread().getState() == Thread.State.WAITING));

            run.stop();

            assertThat(run.result().resultNow()).as("steps completed before the blocked one").isEqualTo(2);
            assertThat(run.interruptedOnReturn())
                    .as("interrupt status restored after InterruptedException cleared it").isTrue();
        }

        @Test
        @DisplayName("runs no step at all on a thread that is already interrupted")
        void alreadyInterrupted() throws InterruptedException {
            LongAdder steps = new LongAdder();
            AtomicBoolean interruptedOnReturn = new AtomicBoolean();
            FutureTask<Long> result = new FutureTask<>(() -> {
                Thread.currentThread().interrupt();
                long completed = InterruptibleLoop.runUntilInterrupted(steps::increment);
                interruptedOnReturn.set(Thread.currentThread().isInterrupted());
                return completed;
            });
            Thread thread = Thread.ofPlatform().name("k14-interrupted-before").start(result);

            assertThat(result).succeedsWithin(PROMPTLY).as("steps completed on a thread interrupted before the call"
                    + " (the interrupt is checked before each step, the first one included)").isEqualTo(0L);
            assertThat(thread.join(PROMPTLY)).isTrue();
            assertThat(steps.sum()).as("steps run").isZero();
            assertThat(interruptedOnReturn).as("the interrupt status still set on return").isTrue();
        }

        @Test
        @DisplayName("rejects a null step")
        void rejectsNull() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> InterruptibleLoop.runUntilInterrupted(null));
        }
    }
}
