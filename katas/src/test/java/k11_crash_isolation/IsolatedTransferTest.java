package k11_crash_isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("a transfer that crashes half-way")
@ExtendWith(NoChildProcessLeft.class)
class IsolatedTransferTest {

    /** Far above a child JVM's start-up (a few hundred ms under load), below the test's own 10 s. */
    static final Duration GENEROUS = Duration.ofSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Ledger ledger = new Ledger(100, 0);

    @Nested
    @Tag("given")
    @DisplayName("on a thread of this process (given, for study)")
    class OnAThread {

        @Test
        @DisplayName("leaves the shared ledger short of the money for every other thread")
        void corruptsSharedState() throws Exception {
            Optional<Throwable> diedOf = ThreadedTransfer.moveToSavings(ledger, 30, true);

            assertThat(diedOf).get().asString().contains(CrashHalfway.MESSAGE);
            try (ExecutorService someoneElse = Executors.newSingleThreadExecutor()) {
                assertThat(someoneElse.submit(ledger::snapshot)).succeedsWithin(WAIT)
                        .as("what another thread of the process now reads")
                        .isEqualTo(new Ledger.Balances(70, 0));
            }
        }

        @Test
        @DisplayName("keeps the total when the thread finishes")
        void finishes() throws Exception {
            assertThat(ThreadedTransfer.moveToSavings(ledger, 30, false)).isEmpty();

            assertThat(ledger.snapshot()).isEqualTo(new Ledger.Balances(70, 30));
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("in a child JVM (task 4)")
    class InAChildJvm {

        @Test
        @DisplayName("leaves the parent's ledger exactly as it was, and reports the crash")
        void parentUntouched() throws Exception {
            ChildResult result = IsolatedTransfer.moveToSavings(ledger, 30, true, GENEROUS);

            assertThat(result.exitCode()).as("the child crashed").isNotZero();
            assertThat(result.stderr()).contains(CrashHalfway.MESSAGE);
            assertThat(ledger.snapshot()).as("the parent's ledger").isEqualTo(new Ledger.Balances(100, 0));
        }

        @Test
        @DisplayName("commits the child's result to the parent's ledger when the child finishes")
        void commitsOnSuccess() throws Exception {
            ChildResult result = IsolatedTransfer.moveToSavings(ledger, 30, false, GENEROUS);

            assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
            assertThat(ledger.snapshot()).isEqualTo(new Ledger.Balances(70, 30));
            assertThat(ledger.snapshot().total()).isEqualTo(100);
        }

        @Test
        @DisplayName("accepts an amount of zero: the child finishes and the balances stay as they were")
        void zeroAmount() throws Exception {
            ChildResult result = IsolatedTransfer.moveToSavings(ledger, 0, false, GENEROUS);

            assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
            assertThat(ledger.snapshot()).isEqualTo(new Ledger.Balances(100, 0));
        }

        @Test
        @DisplayName("rejects a null ledger, a negative amount and a zero or negative timeout")
        void rejectsBadInput() {
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> IsolatedTransfer.moveToSavings(null, 30, false, GENEROUS));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> IsolatedTransfer.moveToSavings(ledger, -1, false, GENEROUS));
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .isThrownBy(() -> IsolatedTransfer.moveToSavings(ledger, 30, false, Duration.ZERO));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> IsolatedTransfer.moveToSavings(ledger, 30, false, null));
            assertThat(ledger.snapshot()).as("nothing changed").isEqualTo(new Ledger.Balances(100, 0));
        }
    }
}
