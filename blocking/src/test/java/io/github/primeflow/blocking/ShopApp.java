package io.github.primeflow.blocking;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small service as a user would write it: a Vert.x HTTP server on loopback whose handlers are the realistic
 * bugs and the legitimate patterns of the detection matrix, a worker verticle, a Reactor Netty HTTP server, and
 * a plain single-thread executor loop. The handlers are named methods, so that a detector's message can be checked for the
 * handler's own frame. A handler that throws answers 500 and is remembered ({@link #errors()}), which is how
 * plain BlockHound's errors are seen. Vert.x's blocked-thread checker runs tuned (100 ms limit, checked every
 * 20 ms, stack from 300 ms) and its warnings are counted ({@link #checkerWarnings()}).
 */
final class ShopApp implements AutoCloseable {

    static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
    static final Duration SHORT_BLOCK = Duration.ofMillis(50);
    static final Duration LONG_SPIN = Duration.ofMillis(1000);
    static final Duration WAIT = Duration.ofSeconds(20);

    final Vertx vertx;
    final ExecutorService loop;
    private final ExecutorService helper = Executors.newSingleThreadExecutor(r -> daemon(r, "shop-helper"));
    private final HttpServer server;
    private final DisposableServer reactorServer;
    private final HttpClient client;
    private final ServerSocket pong;
    private final Thread pongThread;
    private final Path file;
    private final Map<String, BiConsumer<ShopApp, HttpServerRequest>> routes;
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LogRecord> checkerWarnings = new ConcurrentLinkedQueue<>();
    private final Logger checkerLogger = Logger.getLogger(CHECKER_LOGGER); // strong reference: JUL keeps weak ones
    private final Handler checkerHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            checkerWarnings.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ShopApp() throws Exception {
        checkerLogger.addHandler(checkerHandler);
        vertx = Vertx.vertx(new VertxOptions()
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(300).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        loop = Executors.newSingleThreadExecutor(r -> daemon(r, "shop-loop"));
        file = Files.createTempFile("shop-prices", ".txt");
        Files.writeString(file, "apple=3\npear=4\n");
        pong = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pongThread = daemon(this::servePong, "shop-pong");
        pongThread.start();
        routes = Map.ofEntries(
                Map.entry("/sleep", ShopApp::sleepInHandler),
                Map.entry("/spin", ShopApp::spinInHandler),
                Map.entry("/reprice", ShopApp::repriceInHandler),
                Map.entry("/nio-read", ShopApp::readAllBytesInHandler),
                Map.entry("/file-stream", ShopApp::fileInputStreamInHandler),
                Map.entry("/socket", ShopApp::socketInHandler),
                Map.entry("/join", ShopApp::joinInHandler),
                Map.entry("/execute-blocking", ShopApp::executeBlockingHandler),
                Map.entry("/worker-verticle", ShopApp::workerVerticleHandler),
                Map.entry("/async-file", ShopApp::asyncFileHandler),
                Map.entry("/fast", ShopApp::fastHandler));
        vertx.deployVerticle(new SlowStockWorker(file), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(10, TimeUnit.SECONDS);
        server = vertx.createHttpServer().requestHandler(this::route).listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        reactorServer = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/sleep", this::reactorNettyRoute))
                .bindNow(Duration.ofSeconds(10));
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Starts the shop and serves one warm-up request, as a service's readiness check would. */
    static ShopApp start() {
        ShopApp app;
        try {
            app = new ShopApp();
        } catch (Exception e) {
            throw new IllegalStateException("the shop did not start", e);
        }
        app.get("/fast");
        return app;
    }

    /** GETs {@code path} from the Vert.x server with a real HTTP client, from the calling thread. */
    String get(String path) {
        return get(server.actualPort(), path);
    }

    /** GETs {@code path} from the Reactor Netty server with a real HTTP client, from the calling thread. */
    String getReactorNetty(String path) {
        return get(reactorServer.port(), path);
    }

    /** Returns the status and the body. */
    private String get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(WAIT).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code task} on the shop's loop and waits for it; an error it throws is remembered. */
    void onLoop(Runnable task) {
        CompletableFuture.runAsync(task, loop).exceptionally(e -> {
            errors.add(e);
            return null;
        }).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    List<Throwable> errors() {
        return List.copyOf(errors);
    }

    List<LogRecord> checkerWarnings() {
        return List.copyOf(checkerWarnings);
    }

    void forget() {
        errors.clear();
        checkerWarnings.clear();
    }

    void remember(Throwable error) {
        errors.add(error);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Vert.x did not close", e);
        } finally {
            reactorServer.disposeNow(Duration.ofSeconds(10));
            HttpResources.disposeLoopsAndConnections();
            loop.shutdownNow();
            helper.shutdownNow();
            pong.close();
            checkerLogger.removeHandler(checkerHandler);
            Files.deleteIfExists(file);
        }
    }

    private void route(HttpServerRequest request) {
        BiConsumer<ShopApp, HttpServerRequest> handler = routes.get(request.path());
        if (handler == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        try {
            handler.accept(this, request);
        } catch (Throwable e) { // plain BlockHound throws Errors into the handler
            errors.add(e);
            request.response().setStatusCode(500).end(String.valueOf(e));
        }
    }

    // The bugs: each blocks or hogs its event loop.

    void sleepInHandler(HttpServerRequest request) {
        pause(SHORT_BLOCK);
        request.response().end("slept");
    }

    void spinInHandler(HttpServerRequest request) {
        request.response().end("spun " + Workloads.spin(LONG_SPIN));
    }

    void repriceInHandler(HttpServerRequest request) {
        request.response().end("price " + Pricing.reprice(42));
    }

    void readAllBytesInHandler(HttpServerRequest request) {
        request.response().end(new String(readAllBytes(file), StandardCharsets.UTF_8));
    }

    void fileInputStreamInHandler(HttpServerRequest request) {
        try (InputStream in = new FileInputStream(file.toFile())) {
            request.response().end(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void socketInHandler(HttpServerRequest request) {
        request.response().end(askPong());
    }

    void joinInHandler(HttpServerRequest request) {
        String quote = CompletableFuture.supplyAsync(() -> {
            pause(SHORT_BLOCK);
            return "quote";
        }, helper).join();
        request.response().end(quote);
    }

    Publisher<Void> sleepInReactorNettyHandler(HttpServerResponse response) {
        pause(SHORT_BLOCK);
        return response.sendString(Mono.just("slept"));
    }

    private Publisher<Void> reactorNettyRoute(reactor.netty.http.server.HttpServerRequest request,
            HttpServerResponse response) {
        try {
            return sleepInReactorNettyHandler(response);
        } catch (Throwable e) { // plain BlockHound throws Errors into the handler
            errors.add(e);
            return response.status(500).sendString(Mono.just(String.valueOf(e)));
        }
    }

    // The legitimate patterns.

    void executeBlockingHandler(HttpServerRequest request) {
        vertx.executeBlocking(() -> {
            pause(SHORT_BLOCK);
            return new String(readAllBytes(file), StandardCharsets.UTF_8) + Pricing.reprice(42);
        }).onSuccess(body -> request.response().end(body)).onFailure(e -> request.response().setStatusCode(500).end());
    }

    void workerVerticleHandler(HttpServerRequest request) {
        vertx.eventBus().<String>request(SlowStockWorker.ADDRESS, "apple")
                .onSuccess(reply -> request.response().end(reply.body()))
                .onFailure(e -> request.response().setStatusCode(500).end());
    }

    void asyncFileHandler(HttpServerRequest request) {
        vertx.fileSystem().readFile(file.toString())
                .onSuccess(buffer -> request.response().end(buffer))
                .onFailure(e -> request.response().setStatusCode(500).end());
    }

    void fastHandler(HttpServerRequest request) {
        request.response().end("ok");
    }

    // Off the HTTP server: Reactor and the plain loop.

    static String sleepingQuote() {
        pause(SHORT_BLOCK);
        return "quote";
    }

    String readingQuote() {
        return new String(readAllBytes(file), StandardCharsets.UTF_8);
    }

    static void sleepOnLoop() {
        pause(SHORT_BLOCK);
    }

    static void spinOnLoop() {
        Workloads.spin(LONG_SPIN);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] readAllBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the pong server for a line over a blocking socket. */
    private String askPong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), pong.getLocalPort()), 10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers "pong" a little later to every connection, so that the reader really waits. */
    private void servePong() {
        while (!pong.isClosed()) {
            try (Socket socket = pong.accept(); OutputStream out = socket.getOutputStream()) {
                pause(Duration.ofMillis(20));
                out.write("pong\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A worker verticle: blocking is its job. */
    static final class SlowStockWorker extends VerticleBase {
        static final String ADDRESS = "stock";
        private final Path file;

        SlowStockWorker(Path file) {
            this.file = file;
        }

        @Override
        public io.vertx.core.Future<?> start() {
            return vertx.eventBus().<String>consumer(ADDRESS, message -> {
                pause(SHORT_BLOCK);
                message.reply(new String(readAllBytes(file), StandardCharsets.UTF_8));
            }).completion();
        }
    }
}
