package k04_queue;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

/**
 * Starts a producer thread and a consumer thread that hand items over through a
 * {@link BlockingQueue}, the way the tutorial's writer and reader share a {@code Queue}.
 *
 * <p>The producer {@code put}s each item in order and then the {@link Message#POISON_PILL}; on a
 * full bounded queue it blocks until the consumer has taken something. The consumer
 * {@code take}s, blocking while the queue is empty, hands each item on in the order taken, and
 * returns when it takes the pill: nobody has to interrupt or kill it. Putting an item
 * happens-before the consumer's taking it, so whatever the producer did before the put is
 * visible to the consumer after the take.
 */
public final class QueueWorkers {

    private QueueWorkers() {}

    /**
     * A first-in, first-out queue that holds at most {@code capacity} messages: {@code put} on a
     * full queue blocks, {@code take} on an empty one blocks.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static BlockingQueue<Message> newQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return new LinkedBlockingDeque<>(capacity); // a deque used from one end to the other is first in, first out
    }

    /**
     * Starts a platform thread named {@code producer} that puts each of {@code items}, in order,
     * into {@code queue}, then the poison pill, and ends.
     *
     * <p>The thread blocks while the queue is full. If it is interrupted while blocked, it stops
     * without putting anything more, not even the pill, and ends with its interrupt status set.
     *
     * @return the started producer thread
     * @throws NullPointerException if {@code queue}, {@code items} or any item is null
     */
    public static Thread startProducer(BlockingQueue<Message> queue, List<String> items) {
        Objects.requireNonNull(queue, "queue");
        List<String> toSend = List.copyOf(items); // rejects null items now, not on the producer thread
        return Thread.ofPlatform().name("producer").start(() -> {
            try {
                for (String item : toSend) {
                    queue.put(new Message.Item(item)); // put, not offer or add: a full queue makes us wait
                }
                queue.put(Message.POISON_PILL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Starts a platform thread named {@code consumer} that takes messages from {@code queue} and
     * passes each item's value to {@code received}, in the order taken, until it takes a poison
     * pill; then it ends. The pill is not passed on, and nothing after it is taken.
     *
     * <p>The thread blocks while the queue is empty. If it is interrupted, it ends with its
     * interrupt status set.
     *
     * @return the started consumer thread
     * @throws NullPointerException if {@code queue} or {@code received} is null
     */
    public static Thread startConsumer(BlockingQueue<Message> queue, Consumer<String> received) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(received, "received");
        return Thread.ofPlatform().name("consumer").start(() -> {
            try {
                while (true) {
                    switch (queue.take()) {
                        case Message.Item(String value) -> received.accept(value);
                        case Message.PoisonPill() -> {
                            return; // the producer is done: stop by ourselves
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
