package k13_async_io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import support.DefaultCharsetCalls;

@DisplayName("the echo servers")
class EchoServerTest {

    /** Clients connected at once in the many-clients tests. */
    private static final int CLIENTS = 200;

    /** Both servers, so that the failure cases run against each. */
    enum Kind {
        EVENT_LOOP("the event loop", SelectorEchoServer::start),
        VIRTUAL_THREADS("virtual threads", VirtualThreadEchoServer::start);

        private final String label;
        private final Supplier<EchoServer> starter;

        Kind(String label, Supplier<EchoServer> starter) {
            this.label = label;
            this.starter = starter;
        }

        EchoServer start() {
            return starter.get();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * Connects {@link #CLIENTS} clients, each making one round trip as it joins so that it is
     * surely accepted, then has every one send a line before any reads its echo: all of them are
     * connected and waiting at once.
     */
    private static void serveManyClientsAtOnce(EchoServer server, Runnable whileAllConnected) throws IOException {
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                LineClient client = LineClient.connect(server.address());
                clients.add(client);
                assertThat(client.roundTrip("hello " + i)).as("first echo to client " + i).isEqualTo("hello " + i);
            }
            for (int i = 0; i < CLIENTS; i++) {
                clients.get(i).send("grüße von Client " + i + " 🌍\n");
            }
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(clients.get(i).readLine()).as("second echo to client " + i).isEqualTo("grüße von Client " + i + " 🌍");
            }
            whileAllConnected.run();
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    /** Platform threads alive now that were not in {@code before}, without the JDK's and the test framework's own. */
    private static Set<Thread> newPlatformThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t))
                .filter(t -> !isInfrastructure(t))
                .collect(Collectors.toSet());
    }

    private static boolean isInfrastructure(Thread t) {
        String group = Optional.ofNullable(t.getThreadGroup()).map(ThreadGroup::getName).orElse("");
        return group.equals("system") || group.equals("InnocuousThreadGroup") || group.equals("CarrierThreads")
                || t.getName().startsWith("junit-") || t.getName().startsWith("awaitility")
                || t.getName().startsWith("ForkJoinPool.commonPool-");
    }

    /** The server closed this client's connection: the client reads the end of the stream, or a reset. */
    private static void assertClosedByServer(LineClient client, String who) {
        Throwable failure = catchThrowable(() -> assertThat(client.readLine()).as(who + " reads the end of the stream").isNull());
        if (failure != null) {
            assertThat(failure).as(who + " is disconnected (a reset is fine too)").isInstanceOf(SocketException.class);
        }
    }

    /**
     * Closes the server from an interrupted thread, with a few clients connected: close must still
     * wait for every handler thread, then leave the interrupt status set.
     */
    private static void assertCloseOutlastsAnInterrupt(EchoServer server) throws IOException {
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(LineClient.connect(server.address()));
                assertThat(clients.get(i).roundTrip("client " + i)).isEqualTo("client " + i);
            }
            Set<Thread> handlers = server.handlerThreads();

            Thread.currentThread().interrupt();
            server.close();
            boolean interruptKept = Thread.interrupted(); // also clears it for what follows

            assertThat(handlers).as("handler threads after close returned").noneMatch(Thread::isAlive);
            assertThat(interruptKept).as("the closing thread's interrupt status after close").isTrue();
        } finally {
            Thread.interrupted();
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    private static void assertRefusesConnections(InetSocketAddress address) {
        assertThatExceptionOfType(ConnectException.class).as("connecting after close")
                .isThrownBy(() -> LineClient.connect(address).close());
    }

    /** What both servers do alike; each task's nested class says which server it starts. */
    abstract class BothServers {

        abstract EchoServer start();

        @Test
        @DisplayName("listens on an ephemeral port of 127.0.0.1 and echoes a line")
        void echoesOnLoopback() throws IOException {
            try (EchoServer server = start(); LineClient client = LineClient.connect(server.address())) {
                assertThat(server.address().getAddress().isLoopbackAddress()).as("a loopback address").isTrue();
                assertThat(server.address().getPort()).as("the port the system chose").isPositive();
                assertThat(client.roundTrip("ping")).isEqualTo("ping");
                assertThat(client.roundTrip("Grüße, 世界")).as("UTF-8 text").isEqualTo("Grüße, 世界");
                // JDK 18 and later default to UTF-8, so the text above cannot show a reader or writer that
                // names no charset: the class file can (such code garbles text on a JVM started otherwise).
                Class<?> type = server.getClass().getNestHost();
                assertThat(DefaultCharsetCalls.in(type)).withFailMessage("%s turns bytes into text, or text into bytes,"
                        + " without naming a charset: %s. That uses whatever charset the JVM was started with, not"
                        + " the UTF-8 the protocol speaks", type.getSimpleName(), DefaultCharsetCalls.in(type)).isEmpty();
            }
        }

        @Test
        @DisplayName("echoes several lines sent in one write, the last one finished by the next, each once and in order")
        void echoesLinesInOrder() throws IOException {
            try (EchoServer server = start(); LineClient client = LineClient.connect(server.address())) {
                client.send("one\ntwo\nthr");
                assertThat(List.of(client.readLine(), client.readLine())).containsExactly("one", "two");
                client.send("ee\n"); // only now: the server has surely read "thr" after two whole lines

                assertThat(client.readLine()).isEqualTo("three");
            }
        }

        @Test
        @DisplayName("close waits for every thread it started even when the closing thread is interrupted, and keeps the interrupt")
        void closeOutlastsAnInterrupt() throws IOException {
            try (EchoServer server = start()) {
                assertCloseOutlastsAnInterrupt(server);
            }
        }
    }

    @Nested
    @Tag("task:3")
    @DisplayName("SelectorEchoServer (task 3)")
    class EventLoop extends BothServers {

        @Override
        EchoServer start() {
            return SelectorEchoServer.start();
        }

        @Test
        @DisplayName("serves 200 clients connected at once from exactly one thread")
        void manyClientsOneThread() throws IOException {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            try (EchoServer server = SelectorEchoServer.start()) {
                serveManyClientsAtOnce(server, () -> {
                    Set<Thread> handlers = server.handlerThreads();
                    assertThat(handlers).as("threads that ran the server's handlers").hasSize(1)
                            .doesNotContain(Thread.currentThread());
                    assertThat(newPlatformThreads(before)).as("platform threads the server started")
                            .isSubsetOf(handlers);
                });
            }
        }

        @Test
        @DisplayName("close ends the loop thread and every connection, and refuses new clients")
        void closeEndsEverything() throws IOException {
            EchoServer server = SelectorEchoServer.start();
            try (server; LineClient first = LineClient.connect(server.address()); LineClient second = LineClient.connect(server.address())) {
                assertThat(first.roundTrip("a")).isEqualTo("a");
                assertThat(second.roundTrip("b")).isEqualTo("b");
                Thread loop = server.handlerThreads().iterator().next();

                server.close();

                assertThat(loop.isAlive()).as("the loop thread is alive after close returned").isFalse();
                assertClosedByServer(first, "the first client");
                assertClosedByServer(second, "the second client");
                assertRefusesConnections(server.address());
                assertThat(Thread.currentThread().isInterrupted()).as("the closing thread is interrupted").isFalse();
                server.close(); // a second close does nothing (and try-with-resources makes a third)
            }
        }
    }

    @Nested
    @Tag("task:4")
    @DisplayName("VirtualThreadEchoServer (task 4)")
    class ThreadPerConnection extends BothServers {

        @Override
        EchoServer start() {
            return VirtualThreadEchoServer.start();
        }

        @Test
        @DisplayName("serves 200 clients connected at once, each on its own virtual thread, and starts no platform thread")
        void manyClientsOneVirtualThreadEach() throws IOException {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            try (EchoServer server = VirtualThreadEchoServer.start()) {
                serveManyClientsAtOnce(server, () -> {
                    Set<Thread> handlers = server.handlerThreads();
                    assertThat(handlers).as("threads that ran the server's handlers: one per connection").hasSize(CLIENTS);
                    assertThat(handlers).as("handler threads").allMatch(Thread::isVirtual, "are virtual");
                    assertThat(newPlatformThreads(before)).as("platform threads the server started").isEmpty();
                });
            }
        }

        @Test
        @DisplayName("close ends every connection and joins every thread it started, and refuses new clients")
        void closeEndsEverything() throws IOException {
            EchoServer server = VirtualThreadEchoServer.start();
            try (server; LineClient first = LineClient.connect(server.address()); LineClient second = LineClient.connect(server.address())) {
                assertThat(first.roundTrip("a")).isEqualTo("a");
                assertThat(second.roundTrip("b")).isEqualTo("b");
                Set<Thread> handlers = server.handlerThreads();
                assertThat(handlers).as("one handler per connection").hasSize(2);

                server.close();

                assertThat(handlers).as("handler threads after close returned").noneMatch(Thread::isAlive);
                assertClosedByServer(first, "the first client");
                assertClosedByServer(second, "the second client");
                assertRefusesConnections(server.address());
                assertThat(Thread.currentThread().isInterrupted()).as("the closing thread is interrupted").isFalse();
                server.close(); // a second close does nothing (and try-with-resources makes a third)
            }
        }
    }

    @Nested
    @Tag("task:5")
    @DisplayName("a stalled or vanished client (task 5)")
    class Failures {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("a client that connects and sends nothing does not stall the others")
        void silentClient(Kind kind) throws IOException {
            try (EchoServer server = kind.start(); LineClient silent = LineClient.connect(server.address())) {
                for (int i = 0; i < 20; i++) {
                    try (LineClient other = LineClient.connect(server.address())) {
                        assertThat(other.roundTrip("while one is silent " + i)).isEqualTo("while one is silent " + i);
                    }
                }
                assertThat(silent.roundTrip("finally")).as("the silent client, once it speaks").isEqualTo("finally");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("a client that stalls in the middle of a line, even inside a character, does not stall the others")
        void halfLineClient(Kind kind) throws IOException {
            byte[] line = "Grüße\n".getBytes(StandardCharsets.UTF_8);
            int insideTheU = 3; // "Gr" is 2 bytes, 'ü' is 2 more: split between them
            try (EchoServer server = kind.start();
                    LineClient staller = LineClient.connect(server.address());
                    LineClient other = LineClient.connect(server.address())) {
                staller.sendBytes(Arrays.copyOfRange(line, 0, insideTheU));

                for (int i = 0; i < 20; i++) {
                    assertThat(other.roundTrip("while one stalls " + i)).isEqualTo("while one stalls " + i);
                    try (LineClient newcomer = LineClient.connect(server.address())) {
                        assertThat(newcomer.roundTrip("newcomer " + i)).isEqualTo("newcomer " + i);
                    }
                }
                staller.sendBytes(Arrays.copyOfRange(line, insideTheU, line.length));
                assertThat(staller.readLine()).as("the staller's line, once finished").isEqualTo("Grüße");
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("a client that closes in the middle of a line does not disturb the others")
        void clientClosesMidLine(Kind kind) throws IOException {
            try (EchoServer server = kind.start(); LineClient other = LineClient.connect(server.address())) {
                assertThat(other.roundTrip("before")).isEqualTo("before");
                for (int i = 0; i < 20; i++) {
                    try (LineClient leaver = LineClient.connect(server.address())) {
                        leaver.send("half a li");
                    }
                }
                assertThat(other.roundTrip("after")).as("a client connected all along").isEqualTo("after");
                try (LineClient newcomer = LineClient.connect(server.address())) {
                    assertThat(newcomer.roundTrip("new")).as("a client connected afterwards").isEqualTo("new");
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("a client that resets its connection in the middle of a line does not disturb the others")
        void clientResetsMidLine(Kind kind) throws IOException {
            try (EchoServer server = kind.start(); LineClient other = LineClient.connect(server.address())) {
                assertThat(other.roundTrip("before")).isEqualTo("before");
                for (int i = 0; i < 20; i++) {
                    LineClient leaver = LineClient.connect(server.address());
                    leaver.send("half a li");
                    leaver.reset();
                }
                assertThat(other.roundTrip("after")).as("a client connected all along").isEqualTo("after");
                try (LineClient newcomer = LineClient.connect(server.address())) {
                    assertThat(newcomer.roundTrip("new")).as("a client connected afterwards").isEqualTo("new");
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("a client that stops sending gets the echo of its last line, then the server closes the connection")
        void clientHalfCloses(Kind kind) throws IOException {
            try (EchoServer server = kind.start(); LineClient leaver = LineClient.connect(server.address())) {
                leaver.send("last words\n");
                leaver.shutdownOutput();

                assertThat(leaver.readLine()).isEqualTo("last words");
                assertThat(leaver.readLine()).as("after the last echo: the end of the stream").isNull();
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(Kind.class)
        @DisplayName("close ends the server even while a client stalls in the middle of a line")
        void closeWhileStalled(Kind kind) throws IOException {
            EchoServer server = kind.start();
            try (server; LineClient staller = LineClient.connect(server.address()); LineClient other = LineClient.connect(server.address())) {
                assertThat(staller.roundTrip("first")).isEqualTo("first"); // so its handler surely runs already
                staller.send("never finis");
                assertThat(other.roundTrip("served")).isEqualTo("served");
                Set<Thread> handlers = server.handlerThreads();

                server.close();

                assertThat(handlers).as("handler threads after close returned").noneMatch(Thread::isAlive);
                assertClosedByServer(staller, "the stalled client");
            }
        }
    }
}
