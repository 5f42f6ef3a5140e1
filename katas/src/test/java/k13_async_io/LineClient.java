package k13_async_io;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A blocking test client of the echo protocol. Every connect and read gives up after
 * {@link #PATIENCE_MILLIS}, far more than a loopback echo needs (well under a millisecond), so a
 * stalled server fails the test with a sentence instead of hanging it.
 */
final class LineClient implements AutoCloseable {

    static final int PATIENCE_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static LineClient connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, PATIENCE_MILLIS);
            socket.setSoTimeout(PATIENCE_MILLIS);
            return new LineClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the text as UTF-8; it need not be a whole line. */
    void send(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code line} and a newline, and returns the line the server sent back. */
    String roundTrip(String line) throws IOException {
        send(line + "\n");
        return readLine();
    }

    /** The next line from the server without its newline, or null at the end of the stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            return fail("no reply from the server within " + PATIENCE_MILLIS
                    + " ms: is it stalled (by another client?) or not serving this connection?", e);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Tells the server this client will send nothing more (a half close); it can still read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Drops the connection at once with a reset (RST) instead of an orderly close. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
