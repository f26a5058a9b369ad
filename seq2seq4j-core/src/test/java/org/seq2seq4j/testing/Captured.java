package org.seq2seq4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What code printed or logged while it ran: standard output, standard error, and the records of a
 * {@link System.Logger} (the JDK's default backend, java.util.logging, carries them).
 */
public final class Captured {
    private Captured() {
    }

    /** Runs {@code body} and returns what it printed to standard output. */
    public static String stdout(Runnable body) {
        return printed(body, System.out, System::setOut);
    }

    /** Runs {@code body} and returns what it printed to standard error. */
    public static String stderr(Runnable body) {
        return printed(body, System.err, System::setErr);
    }

    private static String printed(Runnable body, PrintStream old, Consumer<PrintStream> set) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        set.accept(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            set.accept(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /**
     * Runs {@code body} and returns the records logged under {@code loggerName}, e.g. a class name;
     * they do not reach the console handlers meanwhile.
     */
    public static List<LogRecord> logs(String loggerName, Runnable body) {
        Logger logger = Logger.getLogger(loggerName);
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Level level = logger.getLevel();
        boolean parents = logger.getUseParentHandlers();
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        try {
            body.run();
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(parents);
            logger.setLevel(level);
        }
        return records;
    }
}
