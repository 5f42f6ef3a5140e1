package k13_async_io;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * An {@link EchoServer} with one virtual thread per connection: plain blocking code, one client
 * at a time per thread, and the JDK parks a thread that waits for its socket instead of holding
 * an OS thread.
 *
 * <p>An acceptor virtual thread accepts connections and starts a handler virtual thread for each.
 * A client that stalls blocks only its own handler. {@link #close()} closes the server socket
 * (which ends the acceptor), then every client socket (which ends each handler's blocked read),
 * and returns after joining the acceptor and every handler.
 */
public final class VirtualThreadEchoServer implements EchoServer {

    // TODO task 4: the fields (the ServerSocket, its address, the open client sockets, the handler
    //      threads, the acceptor thread).

    private VirtualThreadEchoServer() {
        // TODO task 4: bind a ServerSocket to 127.0.0.1 port 0; create (do not start) the acceptor,
        //      a virtual thread.
    }

    /**
     * Binds to an ephemeral port of {@code 127.0.0.1} and starts accepting on a virtual thread.
     *
     * @throws UncheckedIOException if the server socket cannot be opened
     */
    public static VirtualThreadEchoServer start() {
        // TODO task 4: create the server and start the acceptor. It accepts until the ServerSocket
        //      is closed and starts one virtual thread per client, which reads lines (UTF-8) and
        //      writes each one back.
        // TODO task 5: a client that resets or closes ends its own handler quietly, nothing else.
        throw new UnsupportedOperationException("Task 4 of k13_async_io: start the virtual-thread server. See README.md.");
    }

    @Override
    public InetSocketAddress address() {
        // TODO task 4: the address the ServerSocket is bound to.
        throw new UnsupportedOperationException("Task 4 of k13_async_io: return the address. See README.md.");
    }

    @Override
    public Set<Thread> handlerThreads() {
        // TODO task 4: a snapshot of the connection threads started so far.
        throw new UnsupportedOperationException("Task 4 of k13_async_io: record the handler threads. See README.md.");
    }

    @Override
    public void close() {
        // TODO task 4: close the ServerSocket, join the acceptor, close every client socket, join
        //      every handler (an interrupt while joining is kept for later, as in task 3).
        throw new UnsupportedOperationException("Task 4 of k13_async_io: close everything and join. See README.md.");
    }
}
