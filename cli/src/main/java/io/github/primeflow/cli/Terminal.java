package io.github.primeflow.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A {@code \|/-} spinner at 10 Hz on standard error, only when it is a terminal. */
final class Terminal implements Spinner {
    private static final String FRAMES = "\\|/-";

    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private int frame;

    private Terminal(PrintWriter err) {
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "primeflow-spinner");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Whether the process talks to a terminal: {@code System.console() != null}, and on Java 22+ (where a
     * console exists even when redirected) also {@code Console.isTerminal()}.
     */
    static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Starts a spinner if {@code enabled}; closing it clears the spinner. */
    static Spinner spinIf(boolean enabled, PrintWriter err) {
        if (!enabled) {
            return () -> { };
        }
        Terminal t = new Terminal(err);
        t.timer.scheduleAtFixedRate(t::tick, 0, 100, TimeUnit.MILLISECONDS);
        return t;
    }

    @Override
    public void printing(Runnable print) {
        synchronized (err) {
            err.print("\r \r");
            err.flush();
            print.run();
        }
    }

    private void tick() {
        synchronized (err) {
            err.print("\r" + FRAMES.charAt(frame++ % FRAMES.length()));
            err.flush();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print("\r \r");
            err.flush();
        }
    }
}
