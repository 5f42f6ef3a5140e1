package k08_locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("transfers between two accounts in opposite directions")
class TransfersTest {

    private final ReportingLock lockOfA = new ReportingLock("the lock of account A");
    private final ReportingLock lockOfB = new ReportingLock("the lock of account B");
    private final Account a = new Account("A", 100, lockOfA);
    private final Account b = new Account("B", 100, lockOfB);

    /**
     * Two threads pay each other, 30 from A to B and 50 from B to A, and each is held just after
     * its first lock until the other has taken its first lock too (or waits at one).
     */
    private DeadlockWatch.Report payEachOther(Function<Runnable, Transfers> withHook, FirstLockRendezvous rendezvous)
            throws InterruptedException {
        Transfers transfers = withHook.apply(rendezvous);
        Map<String, Runnable> tasks = new LinkedHashMap<>();
        tasks.put("pays-A-to-B", () -> transfers.transfer(a, b, 30));
        tasks.put("pays-B-to-A", () -> transfers.transfer(b, a, 50));
        return DeadlockWatch.run(tasks, List.of(lockOfA, lockOfB), rendezvous::pair);
    }

    private static long balanceOf(Account account) {
        account.lock().lock();
        try {
            return account.balance();
        } finally {
            account.lock().unlock();
        }
    }

    @Nested
    @Tag("given")
    @DisplayName("NaiveTransfers, which lock the payer first (given, for study)")
    class Naive {

        @Test
        @DisplayName("deadlock on every run once both threads hold their first lock, and the watch names the cycle")
        void deadlocksWhenForced() throws InterruptedException {
            DeadlockWatch.Report report = payEachOther(NaiveTransfers::new, new FirstLockRendezvous());

            assertThat(report.deadlock()).as("the deadlock the JVM found").isPresent();
            assertThat(report.deadlock().orElseThrow())
                    .contains("'pays-A-to-B' holds the lock of account A and waits for the lock of account B")
                    .contains("'pays-B-to-A' holds the lock of account B and waits for the lock of account A");
            assertThat(report.ended()).as("the deadlocked threads ended once the test broke the deadlock").isTrue();
            assertThat(lockOfA.isLocked() || lockOfB.isLocked()).as("a lock still held after the deadlock was broken").isFalse();
        }

        @Test
        @DisplayName("rejects a null hook (the constructor is given)")
        void rejectsNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new NaiveTransfers(null));
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("OrderedTransfers (task 2)")
    class Ordered {

        @Test
        @DisplayName("never deadlock, even when each thread waits after its first lock for the other to take one")
        void neverDeadlockWhenForced() throws InterruptedException {
            FirstLockRendezvous rendezvous = new FirstLockRendezvous();

            DeadlockWatch.Report report = payEachOther(OrderedTransfers::new, rendezvous);

            assertThat(report.deadlock()).withFailMessage("%s", report.deadlock().orElse("")).isEmpty();
            assertThat(report.failures()).as("what the transfers threw").isEmpty();
            assertThat(rendezvous.arrivals()).as("threads that called betweenLocks after their first lock"
                    + " (keep calling it between the two lock() calls)").isEqualTo(2);
            assertThat(balanceOf(a)).as("A: 100 - 30 + 50").isEqualTo(120);
            assertThat(balanceOf(b)).as("B: 100 + 30 - 50").isEqualTo(80);
        }

        @Test
        @DisplayName("move money both ways ten thousand times each without deadlock or loss, while an auditor holding both locks always counts 20,000")
        void manyTransfersBothWays() throws InterruptedException {
            // Enough money that neither payer ever runs dry, whatever the interleaving.
            Account richA = new Account("A", 10_000, lockOfA);
            Account richB = new Account("B", 10_000, lockOfB);
            Transfers transfers = new OrderedTransfers();
            CyclicBarrier start = new CyclicBarrier(3);
            CountDownLatch paid = new CountDownLatch(2);
            AtomicLong audits = new AtomicLong();
            List<Long> wrongTotals = new CopyOnWriteArrayList<>();
            Map<String, Runnable> tasks = new LinkedHashMap<>();
            tasks.put("pays-A-to-B", () -> payManyTimes(transfers, richA, richB, start, paid));
            tasks.put("pays-B-to-A", () -> payManyTimes(transfers, richB, richA, start, paid));
            // Like Go's bank-account test: a reader runs during the writes and checks the invariant.
            tasks.put("audits", () -> {
                awaitStart(start);
                while (paid.getCount() > 0) {
                    long total = totalOf(richA, richB);
                    audits.incrementAndGet();
                    if (total != 20_000 && wrongTotals.size() < 5) {
                        wrongTotals.add(total);
                    }
                }
            });

            DeadlockWatch.Report report = DeadlockWatch.run(tasks, List.of(lockOfA, lockOfB));

            assertThat(report.deadlock()).withFailMessage("%s", report.deadlock().orElse("")).isEmpty();
            assertThat(report.failures()).as("what the transfers threw").isEmpty();
            assertThat(wrongTotals).as("totals other than 20,000 that the auditor counted (of %d audits)"
                    + " while holding both locks: money in flight between the accounts", audits.get()).isEmpty();
            assertThat(balanceOf(richA)).isEqualTo(10_000);
            assertThat(balanceOf(richB)).isEqualTo(10_000);
        }

        @Test
        @DisplayName("keep both locks until the money has arrived: whenever a transfer lets go of its last lock, the accounts still add up to 200")
        void neverShowMoneyInFlight() {
            Transfers transfers = new OrderedTransfers();
            List<String> seen = new ArrayList<>();
            AtomicBoolean auditing = new AtomicBoolean();
            // Once this thread lets go of its last account lock, any other thread may lock both
            // accounts and look: so look then, on this thread (nobody else holds a lock here).
            Runnable audit = () -> {
                if (lockOfA.getHoldCount() + lockOfB.getHoldCount() == 1 && !auditing.getAndSet(true)) {
                    try {
                        seen.add("A " + balanceOf(a) + " + B " + balanceOf(b));
                    } finally {
                        auditing.set(false);
                    }
                }
            };
            lockOfA.beforeRelease(audit);
            lockOfB.beforeRelease(audit);

            transfers.transfer(a, b, 30);
            transfers.transfer(b, a, 50);

            assertThat(seen).as("the balances each time the paying thread let go of its last lock").isNotEmpty()
                    .allSatisfy(s -> assertThat(s).as("what another thread could see at that moment")
                            .isIn("A 70 + B 130", "A 120 + B 80"));
            assertThat(balanceOf(a)).isEqualTo(120);
        }

        private static void awaitStart(CyclicBarrier start) {
            try {
                start.await(DeadlockWatch.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the payers and the auditor did not start together", e);
            }
        }

        private static void payManyTimes(Transfers transfers, Account from, Account to, CyclicBarrier start,
                CountDownLatch paid) {
            awaitStart(start);
            try {
                for (int i = 0; i < 10_000; i++) {
                    transfers.transfer(from, to, 1);
                }
            } finally {
                paid.countDown();
            }
        }

        /** Both balances added up while holding both locks, taken in id order as every transfer must. */
        private static long totalOf(Account first, Account second) {
            first.lock().lock();
            try {
                second.lock().lock();
                try {
                    return first.balance() + second.balance();
                } finally {
                    second.lock().unlock();
                }
            } finally {
                first.lock().unlock();
            }
        }

        @Test
        @DisplayName("take the lock of the account with the smaller id first, whichever way the money goes, as every other thread that locks two accounts does")
        void smallerIdFirst() {
            Transfers transfers = new OrderedTransfers();
            List<String> wrongOrder = new ArrayList<>();
            // Ids whose String.hashCode order differs from their order ("B" < "AA" by hash code,
            // "Aa" and "BB" share one), and many fresh pairs: an order by identity hash code
            // matches the id order for all of them with a chance of one in 2^32.
            List<String[]> ids = new ArrayList<>(List.of(new String[] {"AA", "B"}, new String[] {"Aa", "BB"}));
            for (int i = 0; i < 32; i++) {
                ids.add(new String[] {"acct-" + (100 + 2 * i), "acct-" + (101 + 2 * i)});
            }
            for (String[] pair : ids) {
                List<Account> accounts = new ArrayList<>();
                Account smaller = new Account(pair[0], 100, new OrderCheckingLock(pair[0], accounts, wrongOrder));
                Account larger = new Account(pair[1], 100, new OrderCheckingLock(pair[1], accounts, wrongOrder));
                accounts.add(smaller);
                accounts.add(larger);
                transfers.transfer(smaller, larger, 10);
                transfers.transfer(larger, smaller, 10);
            }

            assertThat(wrongOrder).withFailMessage("a transfer waited for a lock while holding the other account's,"
                    + " in an order other than the smaller id first: %s. The auditor and every other transfer lock"
                    + " the smaller id first, so a thread that does it the other way round can hold one lock each"
                    + " with one of them and wait for ever", wrongOrder.stream().distinct().limit(3).toList()).isEmpty();
        }

        @Test
        @DisplayName("change nothing and release both locks when the payer cannot pay")
        void insufficientFundsChangeNothing() {
            Transfers transfers = new OrderedTransfers();

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> transfers.transfer(a, b, 1_000));

            assertThat(lockOfA.isLocked()).as("A's lock still held").isFalse();
            assertThat(lockOfB.isLocked()).as("B's lock still held").isFalse();
            assertThat(balanceOf(a)).isEqualTo(100);
            assertThat(balanceOf(b)).isEqualTo(100);
        }

        @Test
        @DisplayName("reject a null account, a non-positive amount, and a transfer within one account or id")
        void rejectBadInput() {
            Transfers transfers = new OrderedTransfers();
            Account otherA = new Account("A", 10);

            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> transfers.transfer(null, b, 1));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> transfers.transfer(a, null, 1));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transfers.transfer(a, b, 0));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transfers.transfer(a, b, -5));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transfers.transfer(a, a, 1));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> transfers.transfer(a, otherA, 1));
            assertThat(lockOfA.isLocked() || lockOfB.isLocked()).as("a lock left held").isFalse();
        }

        @Test
        @Tag("given")
        @DisplayName("reject a null hook (the constructor is given)")
        void rejectNullHook() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new OrderedTransfers(null));
        }
    }

    /**
     * An account's lock that, when a thread waits for it in {@code lock()} while holding another
     * account's lock of the same pair, checks that the held one has the smaller id. Only a wait
     * while holding something can close a cycle; a {@code tryLock} never waits for ever.
     */
    private static final class OrderCheckingLock extends ReentrantLock {
        private final String id;
        private final List<Account> pair;
        private final List<String> wrongOrder;

        OrderCheckingLock(String id, List<Account> pair, List<String> wrongOrder) {
            this.id = id;
            this.pair = pair;
            this.wrongOrder = wrongOrder;
        }

        @Override
        public void lock() {
            for (Account held : pair) {
                if (held.lock() != this && held.lock().isHeldByCurrentThread() && held.id().compareTo(id) > 0) {
                    wrongOrder.add("took the lock of account " + held.id() + ", then asked for the lock of account " + id);
                }
            }
            super.lock();
        }
    }

    @Nested
    @Tag("given")
    @DisplayName("an account (given)")
    class AccountRules {

        @Test
        @DisplayName("refuses to show or change its balance to a thread that does not hold its lock")
        void requiresItsLock() {
            assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(a::balance);
            assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(() -> a.deposit(1));
        }
    }
}
