package k08_locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("Settings, a read-mostly map")
class SettingsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How long a reader inside waits for the other: only reached when readers exclude each other. */
    private static final long MEET_SECONDS = 3;

    private final CountDownLatch letGo = new CountDownLatch(1);

    @AfterEach
    void releaseHeldThreads() {
        letGo.countDown();
    }

    /** A hook that, on the named thread only, says it is inside and stays there until {@link #letGo} opens. */
    private Runnable holdThread(String name, CountDownLatch inside) {
        return () -> {
            if (Thread.currentThread().getName().equals(name)) {
                inside.countDown();
                try {
                    letGo.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Waits until {@code inside} opens; if the task ended first, reports how (its exception, or that it never got in). */
    private static void awaitInside(CountDownLatch inside, Started<?> task, String what) {
        await(what).atMost(PATIENCE).until(() -> inside.getCount() == 0 || task.result().isDone());
        if (inside.getCount() != 0) {
            assertThat(task.result()).succeedsWithin(Duration.ZERO);
            throw new AssertionError(task.thread().getName() + " ended without running its hook: keep calling it inside the section");
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("guarded by a ReadWriteLock (task 4)")
    class ReadWrite {

        @Test
        @DisplayName("returns what was set, and nothing for a key never set")
        void getReturnsWhatWasSet() {
            Settings settings = new Settings();
            settings.set("colour", "blue");
            settings.set("colour", "green");

            assertThat(settings.get("colour")).contains("green");
            assertThat(settings.get("size")).isEmpty();
        }

        @Test
        @DisplayName("lets two readers inside the read section at the same time")
        void readersShare() {
            CountDownLatch bothInside = new CountDownLatch(2);
            // Each reader waits inside the read section for the other: only possible if both are in at once.
            Settings settings = new Settings(() -> {
                bothInside.countDown();
                try {
                    if (!bothInside.await(MEET_SECONDS, TimeUnit.SECONDS)) {
                        throw new AssertionError(Thread.currentThread().getName() + " waited " + MEET_SECONDS
                                + " s inside the read section and the other reader never came in: readers exclude each other");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, () -> {});

            Started<Optional<String>> first = Started.start("reader-1", () -> settings.get("colour"));
            Started<Optional<String>> second = Started.start("reader-2", () -> settings.get("colour"));

            assertThat(first.result()).succeedsWithin(PATIENCE);
            assertThat(second.result()).succeedsWithin(PATIENCE);
        }

        @Test
        @DisplayName("makes a writer wait while a reader is inside")
        void writerWaitsForReader() {
            CountDownLatch readerInside = new CountDownLatch(1);
            Settings settings = new Settings(holdThread("reader", readerInside), () -> {});
            settings.set("colour", "blue");

            Started<Optional<String>> reader = Started.start("reader", () -> settings.get("colour"));
            awaitInside(readerInside, reader, "the reader to be inside the read section");
            Started<Void> writer = Started.start("writer", () -> {
                settings.set("colour", "green");
                return null;
            });
            await("the writer to wait, or to finish").atMost(PATIENCE).until(writer::parkedOrDone);

            assertThat(writer.result().isDone()).as("the writer finished while a reader was inside").isFalse();
            letGo.countDown();
            assertThat(reader.result()).succeedsWithin(PATIENCE).isEqualTo(Optional.of("blue"));
            assertThat(writer.result()).succeedsWithin(PATIENCE);
            assertThat(settings.get("colour")).contains("green");
        }

        @Test
        @DisplayName("makes a reader wait while a writer is inside, then shows it the new value")
        void readerWaitsForWriter() {
            CountDownLatch writerInside = new CountDownLatch(1);
            Settings settings = new Settings(() -> {}, holdThread("writer", writerInside));

            Started<Void> writer = Started.start("writer", () -> {
                settings.set("colour", "green");
                return null;
            });
            awaitInside(writerInside, writer, "the writer to be inside the write section");
            Started<Optional<String>> reader = Started.start("reader", () -> settings.get("colour"));
            await("the reader to wait, or to finish").atMost(PATIENCE).until(reader::parkedOrDone);

            assertThat(reader.result().isDone()).as("the reader finished while a writer was inside").isFalse();
            letGo.countDown();
            assertThat(writer.result()).succeedsWithin(PATIENCE);
            assertThat(reader.result()).succeedsWithin(PATIENCE).isEqualTo(Optional.of("green"));
        }

        @Test
        @DisplayName("rejects a null key or value")
        void rejectsNulls() {
            Settings settings = new Settings();
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> settings.get(null));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> settings.set(null, "v"));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> settings.set("k", null));
        }

        @Test
        @Tag("given")
        @DisplayName("rejects null hooks (the constructor is given)")
        void rejectsNullHooks() {
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new Settings(null, () -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new Settings(() -> {}, null));
        }
    }
}
