package k04_queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import support.Waits;

@DisplayName("QueueWorkers: a producer thread and a consumer thread")
class QueueWorkersTest {

    static final Duration PATIENCE = Duration.ofSeconds(5);

    /** What the consumer handed on, and on which threads. */
    static final class Received {
        final List<String> values = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        void accept(String value) {
            threads.add(Thread.currentThread());
            values.add(value);
        }

        List<String> snapshot() {
            synchronized (values) {
                return List.copyOf(values);
            }
        }
    }

    static List<String> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> "item-" + i).toList();
    }

    static List<Message> items(String... values) {
        return Arrays.stream(values).<Message>map(Message.Item::new).toList();
    }

    /** Joins both threads; a consumer still waiting (no pill yet) is interrupted, never left behind. */
    static void finish(Thread producer, Thread consumer) throws InterruptedException {
        if (producer != null) {
            producer.interrupt();
            producer.join(PATIENCE);
        }
        if (consumer != null && consumer.isAlive()) {
            consumer.interrupt();
            consumer.join(PATIENCE);
        }
    }

    @Nested
    @Tag("task:1")
    @DisplayName("handing items over (task 1)")
    class HandOver {

        @Test
        @DisplayName("delivers every item to the consumer, first in first out")
        void deliversInOrder() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            Received received = new Received();
            Thread producer = null;
            Thread consumer = null;
            try {
                consumer = QueueWorkers.startConsumer(queue, received::accept);
                producer = QueueWorkers.startProducer(queue, items(1000));

                Waits.until("the consumer to receive all 1000 items", PATIENCE, () -> received.values.size() >= 1000, consumer);
                assertThat(received.snapshot()).isEqualTo(items(1000));
            } finally {
                finish(producer, consumer);
            }
        }

        @Test
        @DisplayName("runs producer and consumer on two new platform threads named after them, not on the caller's")
        void twoThreadsOfTheirOwn() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            Received received = new Received();
            Thread producer = null;
            Thread consumer = null;
            try {
                producer = QueueWorkers.startProducer(queue, List.of("A", "B", "C"));
                consumer = QueueWorkers.startConsumer(queue, received::accept);

                Waits.until("A, B and C to arrive", PATIENCE, () -> received.values.size() >= 3, consumer);
                assertThat(received.threads).containsExactly(consumer);
                assertThat(producer).isNotSameAs(consumer).isNotSameAs(Thread.currentThread());
                assertThat(consumer).isNotSameAs(Thread.currentThread());
                assertThat(List.of(producer, consumer)).as("platform threads, as the task says").noneMatch(Thread::isVirtual);
                assertThat(producer.getName()).isEqualTo("producer");
                assertThat(consumer.getName()).isEqualTo("consumer");
            } finally {
                finish(producer, consumer);
            }
        }

        @Test
        @DisplayName("stops a producer interrupted on a full queue: it puts nothing more and keeps its interrupt status")
        void interruptedProducerStops() throws InterruptedException {
            BlockingQueue<Message> queue = new ArrayBlockingQueue<>(1);
            Thread producer = QueueWorkers.startProducer(queue, List.of("A", "B"));
            try {
                Waits.until("the producer to block with B", PATIENCE, () -> producer.getState() == Thread.State.WAITING, producer);
                producer.interrupt();

                assertThat(producer.join(PATIENCE)).as("the interrupted producer ended").isTrue();
                assertThat(queue).as("no B and no pill after the interrupt").containsExactly(new Message.Item("A"));
                // Since JDK 14 an ended thread keeps its interrupt status: a swallowed interrupt shows here.
                assertThat(producer.isInterrupted()).as("the interrupt status, restored in the catch").isTrue();
            } finally {
                finish(producer, null);
            }
        }

        @Test
        @DisplayName("stops a consumer interrupted on an empty queue, with its interrupt status kept")
        void interruptedConsumerStops() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            Received received = new Received();
            Thread consumer = QueueWorkers.startConsumer(queue, received::accept);
            try {
                Waits.until("the consumer to wait on the empty queue", PATIENCE,
                        () -> consumer.getState() == Thread.State.WAITING, consumer);
                consumer.interrupt();

                assertThat(consumer.join(PATIENCE)).as("the interrupted consumer ended").isTrue();
                assertThat(consumer.isInterrupted()).as("the interrupt status, restored in the catch").isTrue();
                assertThat(received.snapshot()).isEmpty();
            } finally {
                finish(null, consumer);
            }
        }

        @Test
        @DisplayName("rejects a null queue, null items, a null item and a null receiver")
        void rejectsNulls() {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueueWorkers.startProducer(null, List.of("A")));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueueWorkers.startProducer(queue, null));
            assertThatExceptionOfType(NullPointerException.class)
                    .isThrownBy(() -> QueueWorkers.startProducer(queue, Arrays.asList("A", null)));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueueWorkers.startConsumer(null, v -> {}));
            assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> QueueWorkers.startConsumer(queue, null));
            assertThat(queue).as("nothing was put by a call that was rejected").isEmpty();
        }
    }

    @Nested
    @Tag("task:2")
    @DisplayName("a bounded queue (task 2)")
    class Bounded {

        @Test
        @DisplayName("holds at most its capacity, first in first out")
        void boundedFifo() throws InterruptedException {
            BlockingQueue<Message> queue = QueueWorkers.newQueue(2);

            assertThat(queue.remainingCapacity()).isEqualTo(2);
            queue.put(new Message.Item("A"));
            queue.put(new Message.Item("B"));
            assertThat(queue.offer(new Message.Item("C"))).as("offer to a full queue").isFalse();
            assertThat(queue.take()).isEqualTo(new Message.Item("A"));
            assertThat(queue.take()).isEqualTo(new Message.Item("B"));
            assertThat(QueueWorkers.newQueue(1).remainingCapacity()).as("the smallest queue").isEqualTo(1);
        }

        @Test
        @DisplayName("blocks the producer (WAITING) while the queue is full, and loses nothing")
        void fullQueueBlocksProducer() throws InterruptedException {
            BlockingQueue<Message> queue = QueueWorkers.newQueue(2);
            Received received = new Received();
            Thread producer = null;
            Thread consumer = null;
            try {
                producer = QueueWorkers.startProducer(queue, List.of("A", "B", "C", "D", "E"));
                Thread blocked = producer;

                Waits.until("the producer to block on the full queue", PATIENCE,
                        () -> blocked.getState() == Thread.State.WAITING, blocked);
                assertThat(queue).as("what the producer managed to put").containsExactlyElementsOf(items("A", "B"));

                consumer = QueueWorkers.startConsumer(queue, received::accept);
                Waits.until("all five items to arrive", PATIENCE, () -> received.values.size() >= 5, consumer);
                assertThat(received.snapshot()).containsExactly("A", "B", "C", "D", "E");
                assertThat(producer.join(PATIENCE)).as("the producer ended once there was room").isTrue();
            } finally {
                finish(producer, consumer);
            }
        }

        @Test
        @DisplayName("rejects a capacity below 1")
        void rejectsBadCapacity() {
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> QueueWorkers.newQueue(0));
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> QueueWorkers.newQueue(-1));
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("the poison pill (task 3)")
    class PoisonPill {

        @Test
        @DisplayName("is what the producer puts after its last item")
        void producerPutsPillLast() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();

            Thread producer = QueueWorkers.startProducer(queue, List.of("A", "B"));

            assertThat(producer.join(PATIENCE)).as("the producer ended").isTrue();
            assertThat(queue).containsExactly(new Message.Item("A"), new Message.Item("B"), Message.POISON_PILL);
        }

        @Test
        @DisplayName("stops the consumer by itself: it is not handed on, and nothing after it is taken")
        void consumerStopsAtPill() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>(
                    List.of(new Message.Item("A"), Message.POISON_PILL, new Message.Item("after the pill")));
            Received received = new Received();

            Thread consumer = QueueWorkers.startConsumer(queue, received::accept);

            assertThat(consumer.join(PATIENCE)).as("the consumer ended without being interrupted").isTrue();
            assertThat(received.snapshot()).containsExactly("A");
            assertThat(queue).containsExactly(new Message.Item("after the pill"));
        }

        @Test
        @DisplayName("keeps the consumer waiting at take while the queue is empty, until the pill comes")
        void consumerWaitsForThePill() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
            Received received = new Received();
            Thread consumer = QueueWorkers.startConsumer(queue, received::accept);
            try {
                Waits.until("the consumer to wait on the empty queue", PATIENCE,
                        () -> consumer.getState() == Thread.State.WAITING, consumer);
                queue.put(new Message.Item("X"));
                Waits.until("X to arrive", PATIENCE, () -> received.values.size() >= 1, consumer);
                Waits.until("the consumer to wait again", PATIENCE, () -> consumer.getState() == Thread.State.WAITING, consumer);
                assertThat(consumer.isAlive()).as("still there, with the queue empty").isTrue();

                queue.put(Message.POISON_PILL);

                assertThat(consumer.join(PATIENCE)).as("the consumer ended after the pill").isTrue();
                assertThat(received.snapshot()).containsExactly("X");
            } finally {
                finish(null, consumer);
            }
        }

        @Test
        @DisplayName("lets producer and consumer both end by themselves, with everything delivered")
        void bothEndByThemselves() throws InterruptedException {
            BlockingQueue<Message> queue = new LinkedBlockingQueue<>(3);
            Received received = new Received();

            Thread consumer = QueueWorkers.startConsumer(queue, received::accept);
            Thread producer = QueueWorkers.startProducer(queue, items(200));

            assertThat(producer.join(PATIENCE)).as("the producer ended").isTrue();
            assertThat(consumer.join(PATIENCE)).as("the consumer ended, nobody interrupted it").isTrue();
            assertThat(received.snapshot()).isEqualTo(items(200));
        }
    }
}
