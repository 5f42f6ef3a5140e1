package k04_queue;

import java.util.Objects;

/**
 * What travels through the queue from producer to consumer: an item, or the poison pill that
 * says no item will follow.
 *
 * <p>The pill is a type of its own, not a special string, so no real item can ever be mistaken
 * for it. Messages are immutable and safe to hand between threads.
 */
public sealed interface Message {

    /** The one poison pill every producer puts last. Any {@link PoisonPill} means the same. */
    Message POISON_PILL = new PoisonPill();

    /**
     * One item of work.
     *
     * @param value the item
     */
    record Item(String value) implements Message {

        /** @throws NullPointerException if {@code value} is null */
        public Item {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The end of the stream: the consumer that takes it stops, and hands nothing on. */
    record PoisonPill() implements Message {}
}
