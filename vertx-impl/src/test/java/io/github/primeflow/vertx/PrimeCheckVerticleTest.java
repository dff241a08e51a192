package io.github.primeflow.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimalityTest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrimeCheckVerticleTest {

    private static final String ADDRESS = PrimeCheckVerticle.DEFAULT_ADDRESS;

    private BlockedThreadWatch watch;
    private Vertx vertx;

    @BeforeEach
    void deploy() throws Exception {
        watch = new BlockedThreadWatch();
        vertx = Vertx.vertx(BlockedThreadWatch.tightOptions());
        vertx.deployVerticle(new PrimeCheckVerticle(CheckerOptions.builder().parallelism(2).build()))
                .await(30, TimeUnit.SECONDS);
        // First-time class loading on the loop (JSON, the event bus, the checker) is not what the tests look for.
        request(ADDRESS, new JsonObject().put("numbers", new JsonArray().add(2)));
        request(ADDRESS, new JsonObject().put("number", 3));
        failure("warm-up");
        watch.clear();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        watch.close();
        assertThat(watch.warningsOutsideShutdown()).as("Vert.x blocked-thread checker warnings").isEmpty();
    }

    private Object request(String address, Object body) throws Exception {
        Future<Message<Object>> reply = vertx.eventBus().request(address, body);
        return reply.await(60, TimeUnit.SECONDS).body();
    }

    private ReplyException failure(Object body) {
        return catchThrowableOfType(ReplyException.class, () -> request(ADDRESS, body));
    }

    @Test
    void answersOneNumber() throws Exception {
        JsonObject reply = (JsonObject) request(ADDRESS, new JsonObject().put("number", 9_999_999_999_999_917L));
        assertThat(reply.getLong("number")).isEqualTo(9_999_999_999_999_917L);
        assertThat(reply.getBoolean("prime")).isTrue();
        assertThat(reply.getLong("elapsedNanos")).isPositive();
        assertThat(reply.fieldNames()).containsExactlyInAnyOrder("number", "prime", "elapsedNanos");

        JsonObject fromText = (JsonObject) request(ADDRESS, "{\"number\": 91}");
        assertThat(fromText.getBoolean("prime")).isFalse();
    }

    @Test
    void answersManyNumbersInRequestOrder() throws Exception {
        JsonObject reply = (JsonObject) request(ADDRESS,
                new JsonObject().put("numbers", new JsonArray(List.of(4, 97, 3_333_333_333_333_301L, -7, 1))));
        JsonArray results = reply.getJsonArray("results");
        assertThat(results).hasSize(5);
        assertThat(results.stream().map(o -> ((JsonObject) o).getLong("number")).toList())
                .containsExactly(4L, 97L, 3_333_333_333_333_301L, -7L, 1L);
        assertThat(results.stream().map(o -> ((JsonObject) o).getBoolean("prime")).toList())
                .containsExactly(false, true, true, false, false);
    }

    @Test
    void malformedRequestsGetA400AndTheServiceKeepsServing() throws Exception {
        Object[][] cases = {
            {"not json", "not a JSON object"},
            {97, "must be a JSON object"},
            {new JsonObject(), "exactly one of"},
            {new JsonObject().put("number", 1).put("numbers", new JsonArray().add(2)), "exactly one of"},
            {new JsonObject().put("number", "97"), "the string \"97\""},
            {new JsonObject().put("number", 9.5), "must be an integer"},
            {"{\"number\": 99999999999999999999}", "long range"},
            {new JsonObject().put("numbers", new JsonArray()), "1 to 10000"},
            {new JsonObject().put("numbers", new JsonArray().add(2).add("x")), "numbers[1]"},
            {new JsonObject().put("numbers", 5), "must be an array"},
        };
        for (Object[] c : cases) {
            ReplyException e = failure(c[0]);
            assertThat(e).as("reply to %s", c[0]).isNotNull();
            assertThat(e.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
            assertThat(e.failureCode()).as("code for %s", c[0]).isEqualTo(PrimeCheckVerticle.BAD_REQUEST);
            assertThat(e.getMessage()).as("message for %s", c[0]).startsWith("primeflow.check: ").contains((String) c[1]);
        }
        JsonObject reply = (JsonObject) request(ADDRESS, new JsonObject().put("number", 97));
        assertThat(reply.getBoolean("prime")).isTrue();
    }

    @Test
    void aFailingKernelGetsA500NamingTheNumber() throws Exception {
        PrimalityTest failing = n -> {
            if (n == 42) {
                throw new ArithmeticException("deliberate");
            }
            return PrimalityTest.millerRabin().isPrime(n);
        };
        vertx.deployVerticle(new PrimeCheckVerticle(CheckerOptions.builder().parallelism(2).primalityTest(failing).build()),
                new DeploymentOptions().setConfig(new JsonObject().put("address", "failing"))).await(30, TimeUnit.SECONDS);
        ReplyException e = catchThrowableOfType(ReplyException.class,
                () -> request("failing", new JsonObject().put("numbers", new JsonArray(List.of(41, 42, 43)))));
        assertThat(e).isNotNull();
        assertThat(e.failureCode()).isEqualTo(PrimeCheckVerticle.CHECK_FAILED);
        assertThat(e.getMessage()).contains("vertx: the primality test failed for 42");
        assertThat(((JsonObject) request("failing", new JsonObject().put("number", 43))).getBoolean("prime")).isTrue();
    }

    @Test
    void undeployingStopsTheServiceAndItsWorkers() throws Exception {
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await(30, TimeUnit.SECONDS);
        }
        ReplyException e = catchThrowableOfType(ReplyException.class,
                () -> request(ADDRESS, new JsonObject().put("number", 97)));
        assertThat(e).isNotNull();
        assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> t.isAlive() && t.getName().startsWith("primeflow-cpu-")));
    }
}
