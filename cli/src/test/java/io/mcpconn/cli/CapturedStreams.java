package io.mcpconn.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} copied into buffers while still written where they
 * went (a test class of its own, since only the command may touch the standard streams in main code): every log line (slf4j-simple writes to {@code System.err}, looked up at each line) and
 * everything printed, by any thread, until {@link #close()}.
 */
public final class CapturedStreams implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Starts capturing. */
    public CapturedStreams() {
        System.setOut(new PrintStream(new Tee(originalOut, out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, err), true, StandardCharsets.UTF_8));
    }

    /** Everything written to {@code System.out} so far. */
    public String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything written to {@code System.err} so far. */
    public String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static final class Tee extends OutputStream {
        private final OutputStream through;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream through, ByteArrayOutputStream copy) {
            this.through = through;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                through.write(b);
            } catch (java.io.IOException e) {
                // The original stream is best effort; the copy is what the scan reads.
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            try {
                through.write(bytes, offset, length);
            } catch (java.io.IOException e) {
                // As above.
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            through.flush();
        }
    }
}
