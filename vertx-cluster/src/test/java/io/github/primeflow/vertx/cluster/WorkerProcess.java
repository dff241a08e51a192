package io.github.primeflow.vertx.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A worker node in a child JVM ({@link WorkerMain}) on this JVM's class path; always killed by {@link #close()}. */
final class WorkerProcess implements AutoCloseable {

    final Process process;
    final CompletableFuture<String> ready = new CompletableFuture<>();
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final String name;

    private WorkerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(this::pump, "worker-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static WorkerProcess start(String name, ClusterOptions options, int threads) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        command.add("-Dvertx.disableDnsResolver=true");
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkerMain.class.getName());
        command.add(options.clusterName());
        command.add(options.host());
        command.add(Integer.toString(options.port()));
        command.add(Integer.toString(options.portCount()));
        command.add(Integer.toString(threads));
        return new WorkerProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        java.nio.file.Path log = java.nio.file.Path.of("target", "worker-" + name + "-" + process.pid() + ".log");
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                java.io.Writer out = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.startsWith("READY ")) {
                    ready.complete(line.substring(6).trim());
                } else if (line.startsWith("STOPPED ")) {
                    stopped.complete(null);
                }
                if (!line.startsWith("READY") && (line.contains("SEVERE") || line.contains("Exception")
                        || line.startsWith("STOPPED"))) {
                    System.out.println("[" + name + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            ready.completeExceptionally(new IllegalStateException("worker " + name + " ended before it was ready"));
        }
    }

    String awaitReady() throws Exception {
        return ready.get(Math.round(60 * TestClusters.SCALE), TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM: the node leaves gracefully. Sent with {@code kill}, not {@link Process#destroy()}, which would also
     * close our end of the child's output and so hide its last lines.
     */
    void stopGracefully() throws IOException, InterruptedException {
        signal("TERM");
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
