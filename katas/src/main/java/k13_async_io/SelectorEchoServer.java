package k13_async_io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * An {@link EchoServer} that serves every client from one thread: a {@link java.nio.channels.Selector}
 * event loop, the way Nginx or Python's {@code asyncio} serve many connections.
 *
 * <p>All sockets are non-blocking. The loop thread waits in {@code Selector.select()} until some
 * socket is ready, then accepts, reads or writes only what is ready, and never blocks on any one
 * client: a client that stalls costs nothing but its buffers. Each connection keeps the bytes of
 * its unfinished line and the replies the client has not taken yet. {@link #close()} wakes the
 * loop, which closes every channel and ends; {@code close} returns after the loop thread has ended.
 */
public final class SelectorEchoServer implements EchoServer {

    // TODO task 3: the fields the loop needs (a selector, the listening channel, its address, the
    //      set of handler threads, the loop thread, a flag that says "closing").

    private SelectorEchoServer() {
        // TODO task 3: open the selector and a non-blocking ServerSocketChannel bound to
        //      127.0.0.1 port 0, registered for OP_ACCEPT; create (do not start) the loop thread.
    }

    /**
     * Binds to an ephemeral port of {@code 127.0.0.1} and starts the one loop thread.
     *
     * @throws UncheckedIOException if the server socket cannot be opened
     */
    public static SelectorEchoServer start() {
        // TODO task 3: create the server and start its loop thread. The loop: select(), then handle
        //      each selected key (accept / read / write), until closing.
        // TODO task 5: a failure on one connection closes that connection only, never the loop.
        throw new UnsupportedOperationException("Task 3 of k13_async_io: start the event loop. See README.md.");
    }

    @Override
    public InetSocketAddress address() {
        // TODO task 3: the address the listening channel is bound to.
        throw new UnsupportedOperationException("Task 3 of k13_async_io: return the address. See README.md.");
    }

    @Override
    public Set<Thread> handlerThreads() {
        // TODO task 3: a snapshot of the threads that ran a handler (record them in each handler).
        throw new UnsupportedOperationException("Task 3 of k13_async_io: record the handler threads. See README.md.");
    }

    @Override
    public void close() {
        // TODO task 3: say "closing", wake the selector, and join the loop thread; the loop closes
        //      every channel and the selector on its way out. An interrupt while joining is kept
        //      for later, not a reason to stop waiting.
        throw new UnsupportedOperationException("Task 3 of k13_async_io: stop the loop and join it. See README.md.");
    }
}
