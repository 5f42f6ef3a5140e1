package k14_visibility;

/**
 * A one-way switch that one thread flips to ask others to stop.
 *
 * <p>Implementations say whether they are safe for use across threads. In a safe one, a call to
 * {@link #requestStop} happens-before every call to {@link #isStopRequested} that returns
 * {@code true}: a thread that sees the stop also sees everything the requesting thread wrote
 * before requesting it. And a thread that keeps asking sees {@code true} promptly after the
 * request, never only "some time" or never.
 */
public interface StopFlag {

    /** Asks every thread that checks this flag to stop. Calling it again changes nothing. */
    void requestStop();

    /** Whether a stop has been requested; once {@code true}, it stays {@code true}. */
    boolean isStopRequested();
}
