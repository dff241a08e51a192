package io.github.primeflow.blocking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The rows of the detection matrix: realistic bugs, each with the frame that must appear in the report, and
 * legitimate patterns that must pass. Each runs against a {@link ShopApp} from the test thread and waits for
 * the work it starts.
 */
enum MatrixCase {

    VERTX_SLEEP("Vert.x handler: Thread.sleep(50 ms)", "sleepInHandler", app -> app.get("/sleep")),
    VERTX_SPIN("Vert.x handler: 1 s of unmarked CPU", "spinInHandler", app -> app.get("/spin")),
    VERTX_MARKED_CPU("Vert.x handler: a marked CPU-heavy method (~3 ms)", "repriceInHandler", app -> app.get("/reprice")),
    VERTX_NIO_FILE("Vert.x handler: Files.readAllBytes", "readAllBytesInHandler", app -> app.get("/nio-read")),
    VERTX_FILE_STREAM("Vert.x handler: FileInputStream", "fileInputStreamInHandler", app -> app.get("/file-stream")),
    VERTX_SOCKET("Vert.x handler: blocking java.net.Socket read", "socketInHandler", app -> app.get("/socket")),
    VERTX_JOIN("Vert.x handler: CompletableFuture.join()", "joinInHandler", app -> app.get("/join")),
    REACTOR_SLEEP("Reactor parallel(): Thread.sleep(50 ms)", "sleepingQuote",
            app -> Mono.fromCallable(ShopApp::sleepingQuote).subscribeOn(Schedulers.parallel()).block(ShopApp.WAIT)),
    REACTOR_NIO_FILE("Reactor parallel(): Files.readAllBytes", "readingQuote",
            app -> Mono.fromCallable(app::readingQuote).subscribeOn(Schedulers.parallel()).block(ShopApp.WAIT)),
    REACTOR_NETTY_SLEEP("Reactor Netty handler: Thread.sleep(50 ms)", "sleepInReactorNettyHandler",
            app -> app.getReactorNetty("/sleep")),
    LOOP_SLEEP("Executor loop: Thread.sleep(50 ms)", "sleepOnLoop", app -> app.onLoop(ShopApp::sleepOnLoop)),
    LOOP_SPIN("Executor loop: 1 s of unmarked CPU", "spinOnLoop", app -> app.onLoop(ShopApp::spinOnLoop)),

    VERTX_EXECUTE_BLOCKING("Vert.x executeBlocking: sleep, file read, marked CPU", null,
            app -> app.get("/execute-blocking")),
    VERTX_WORKER_VERTICLE("Vert.x worker verticle: sleep, file read", null, app -> app.get("/worker-verticle")),
    VERTX_ASYNC_FILE("Vert.x async file API (fileSystem().readFile)", null, app -> app.get("/async-file")),
    VERTX_FAST("Vert.x handler answering at once", null, app -> app.get("/fast")),
    REACTOR_BOUNDED_ELASTIC("Reactor boundedElastic(): Thread.sleep(50 ms)", null,
            app -> Mono.fromCallable(ShopApp::sleepingQuote).subscribeOn(Schedulers.boundedElastic()).block(ShopApp.WAIT)),
    REACTOR_PARALLEL_CPU("Reactor parallel(): short marked CPU work", null,
            app -> Flux.range(0, 8).parallel().runOn(Schedulers.parallel()).map(Pricing::reprice).sequential()
                    .blockLast(ShopApp.WAIT)),
    VIRTUAL_THREAD("Virtual thread: sleep, file read", null, MatrixCase::onVirtualThread);


    final String description;
    /** The method of the application whose frame the report must show; null for a legitimate pattern. */
    final String frame;
    private final Consumer<ShopApp> action;

    MatrixCase(String description, String frame, Consumer<ShopApp> action) {
        this.description = description;
        this.frame = frame;
        this.action = action;
    }

    boolean isBug() {
        return frame != null;
    }

    void run(ShopApp app) {
        action.accept(app);
    }

    /** Java 21's virtual threads, reached reflectively because this module compiles for Java 17. */
    private static void onVirtualThread(ShopApp app) {
        ExecutorService virtual;
        try {
            virtual = (ExecutorService) MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("virtual threads need Java 21+", e);
        }
        try {
            virtual.submit(() -> ShopApp.sleepingQuote() + app.readingQuote()).get(ShopApp.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            virtual.shutdown();
        }
    }
}
