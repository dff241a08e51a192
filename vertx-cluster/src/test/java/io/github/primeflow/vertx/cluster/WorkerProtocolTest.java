package io.github.primeflow.vertx.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeChecker;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.tck.RecordingSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A worker node answers every malformed or oversized message with a 400 failure reply and keeps serving; it
 * answers pings, runs well-formed batches, and reports a failing kernel as 500.
 */
class WorkerProtocolTest {

    private static InProcessCluster cluster;
    private static String address;

    @BeforeAll
    static void start() {
        cluster = new InProcessCluster("protocol", 1, 1);
        address = Protocol.WORKER_ADDRESS_PREFIX + cluster.workers.get(0).nodeId();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Message<Object> request(Object body) throws Exception {
        return cluster.client.vertx().eventBus().request(address, body, new DeliveryOptions().setSendTimeout(30_000))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static ReplyException failure(Object body) throws Exception {
        try {
            request(body);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ReplyException.class);
            return (ReplyException) e.getCause();
        }
        throw new AssertionError("expected a failure reply for " + body);
    }

    private static JsonObject check() {
        return new JsonObject().put("op", "check").put("client", "test").put("id", 1).put("kernel", "miller-rabin")
                .put("numbers", new JsonArray().add(7).add(8));
    }

    static List<Object> malformed() {
        JsonArray tooMany = new JsonArray();
        LongStream.range(0, Protocol.MAX_BATCH + 1).forEach(tooMany::add);
        return List.of(
                "a string, not a buffer",
                new JsonObject().put("op", "check"), // a JsonObject body, not a Buffer
                Buffer.buffer("{not json"),
                Buffer.buffer("[1,2,3]"),
                Buffer.buffer(new byte[Protocol.MAX_MESSAGE_BYTES + 1]),
                new JsonObject().toBuffer(),
                new JsonObject().put("op", "explode").toBuffer(),
                new JsonObject().put("op", 42).toBuffer(),
                check().put("id", -1).toBuffer(),
                check().put("id", "1").toBuffer(),
                check().put("client", "").toBuffer(),
                check().put("client", "x".repeat(65)).toBuffer(),
                check().put("kernel", "sieve").toBuffer(),
                check().put("kernel", "local:not-registered").toBuffer(),
                check().put("numbers", new JsonArray()).toBuffer(),
                check().put("numbers", new JsonArray().add(1.5)).toBuffer(),
                check().put("numbers", new JsonArray().add("7")).toBuffer(),
                check().put("numbers", new JsonArray().addNull()).toBuffer(),
                check().put("numbers", "7").toBuffer(),
                check().put("numbers", tooMany).toBuffer(),
                Buffer.buffer("{\"op\":\"check\",\"client\":\"t\",\"id\":1,\"kernel\":\"miller-rabin\",\"numbers\":"
                        + "[99999999999999999999]}"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedMessagesGet400AndTheNodeKeepsServing(Object body) throws Exception {
        ReplyException e = failure(body);
        assertThat(e.failureCode()).as(e.getMessage()).isEqualTo(Protocol.MALFORMED);
        JsonObject ok = new JsonObject(request(check().toBuffer()).body().toString());
        assertThat(ok.getJsonArray("primes")).containsExactly(true, false);
    }

    @Test
    void pingIsAnswered() throws Exception {
        JsonObject pong = new JsonObject((Buffer) request(Protocol.ping()).body());
        assertThat(pong.getString("node")).isEqualTo(cluster.workers.get(0).nodeId());
    }

    @Test
    void aFailingKernelIsAStreamErrorNamingTheNumber() throws Exception {
        PrimalityTest failing = n -> {
            if (n == 13) {
                throw new IllegalStateException("deliberate failure");
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        try (PrimeChecker checker = cluster.provider().create(CheckerOptions.builder().parallelism(1).batchSize(1)
                .primalityTest(failing).build())) {
            RecordingSubscriber<PrimeResult> results = RecordingSubscriber.unbounded();
            checker.checkRange(10, 20).subscribe(results);
            results.awaitTermination(Duration.ofSeconds(60));
            assertThat(results.errors()).singleElement(THROWABLE).isInstanceOf(PrimeCheckException.class)
                    .hasMessageContaining("13").hasMessageContaining("deliberate failure");
        }
    }
}
