package k13_async_io;

import bench.Compare;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kata's two echo servers under the same load: 100 loopback clients stay connected, and one
 * operation is 10 rounds in which every client sends a line and then every client reads its echo
 * (1,000 round trips, 100 in flight at a time).
 *
 * <p>The event loop serves them all from one thread; the other server parks one virtual thread
 * per connection. The client side is the same blocking code for both, on the benchmark thread.
 */
@Compare(baseline = "virtualThreadPerConnection", candidate = "eventLoop",
        meaning = "time of 100 clients x 10 echo round trips: a virtual thread per connection / one event-loop thread",
        expected = "1x to 1.5x: the loop saves a thread hand-off per message; its big saving is threads, not time")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EchoServersBench {

    static final int CLIENTS = 100;
    static final int ROUNDS = 10;
    static final byte[] LINE = "a line of about forty bytes, echoed...\n".getBytes(StandardCharsets.UTF_8);

    /** A started server and its connected clients, for one fork. */
    @State(Scope.Benchmark)
    public abstract static class Clients {
        EchoServer server;
        final List<SocketChannel> channels = new ArrayList<>();
        final ByteBuffer reply = ByteBuffer.allocate(LINE.length);

        abstract EchoServer start();

        @Setup(Level.Trial)
        public void connect() throws IOException {
            server = start();
            for (int i = 0; i < CLIENTS; i++) {
                channels.add(SocketChannel.open(server.address())); // blocking: plain client code
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            for (SocketChannel channel : channels) {
                channel.close();
            }
            server.close();
        }

        int roundTrips() throws IOException {
            int echoed = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (SocketChannel channel : channels) {
                    ByteBuffer line = ByteBuffer.wrap(LINE);
                    while (line.hasRemaining()) {
                        channel.write(line);
                    }
                }
                for (SocketChannel channel : channels) {
                    reply.clear();
                    while (reply.hasRemaining()) {
                        if (channel.read(reply) < 0) {
                            throw new IOException("the server closed a connection");
                        }
                    }
                    echoed += reply.get(0) == LINE[0] ? 1 : 0;
                }
            }
            if (echoed != CLIENTS * ROUNDS) {
                throw new IllegalStateException("wrong echoes: " + echoed);
            }
            return echoed;
        }
    }

    public static class EventLoopClients extends Clients {
        @Override
        EchoServer start() {
            return SelectorEchoServer.start();
        }
    }

    public static class VirtualThreadClients extends Clients {
        @Override
        EchoServer start() {
            return VirtualThreadEchoServer.start();
        }
    }

    @Benchmark
    public int eventLoop(EventLoopClients clients) throws IOException {
        return clients.roundTrips();
    }

    @Benchmark
    public int virtualThreadPerConnection(VirtualThreadClients clients) throws IOException {
        return clients.roundTrips();
    }
}
