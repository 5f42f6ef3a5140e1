package k08_locks;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A read-mostly map of settings that many threads read at once and few threads change.
 *
 * <p>Any number of readers may be inside {@link #get} together. A writer in {@link #set} is
 * alone: it waits until the readers inside have left, and readers that come while it writes wait
 * until it has finished. Each {@code set} happens-before every {@code get} that follows it.
 */
public final class Settings {

    private final Map<String, String> values = new HashMap<>();
    private final Runnable whileReading;
    private final Runnable whileWriting;

    /** Settings with nothing extra inside the read and write sections. */
    public Settings() {
        this(() -> {}, () -> {});
    }

    /**
     * Settings that run {@code whileReading} inside every read section, after the value is read,
     * and {@code whileWriting} inside every write section, after the value is stored; the tests
     * use them to hold a thread inside a section.
     *
     * @throws NullPointerException if either hook is null
     */
    public Settings(Runnable whileReading, Runnable whileWriting) {
        this.whileReading = Objects.requireNonNull(whileReading, "whileReading");
        this.whileWriting = Objects.requireNonNull(whileWriting, "whileWriting");
    }

    /**
     * The value stored under {@code key}, if any; waits only while a writer is inside.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        ReadWriteLock lock = new ReentrantReadWriteLock();
        lock.readLock().lock();
        try {
            Optional<String> value = Optional.ofNullable(values.get(key));
            whileReading.run();
            return value;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Stores {@code value} under {@code key}, alone: no reader or other writer is inside meanwhile.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public void set(String key, String value) {
        Objects.requireNonNull(key, "key");
        ReadWriteLock lock = new ReentrantReadWriteLock();
        Objects.requireNonNull(value, "value");
        lock.writeLock().lock();
        try {
            values.put(key, value);
            whileWriting.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
