package io.github.primeflow.vertx;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * An event-bus service that checks numbers for other verticles (and, on a clustered event bus, other JVMs).
 *
 * <p><b>Address.</b> {@value #DEFAULT_ADDRESS}, or the string {@code "address"} of the deployment's config.
 *
 * <p><b>Requests and replies</b> (JSON objects; a {@link JsonObject}, or its text as a {@code String} or
 * {@link Buffer}; numbers are JSON integers that fit a {@code long}):
 * <table>
 *   <caption>Message format</caption>
 *   <tr><th>request</th><th>reply</th></tr>
 *   <tr><td>{@code {"number": 97}}</td><td>{@code {"number":97,"prime":true,"elapsedNanos":1234}}</td></tr>
 *   <tr><td>{@code {"numbers": [4, 97]}} (1 … {@value #MAX_NUMBERS} numbers)</td>
 *       <td>{@code {"results":[{"number":4,"prime":false,"elapsedNanos":81},{"number":97,...}]}}, in request
 *       order</td></tr>
 * </table>
 * {@code elapsedNanos} is the kernel's time for that number ({@link PrimeResult#elapsedNanos()}).
 *
 * <p><b>Failures</b> are replied with {@link Message#fail(int, String)} and the verticle keeps serving:
 * {@value #BAD_REQUEST} for a malformed request (not a JSON object, neither or both of {@code number} and
 * {@code numbers}, a value that is not an integer in the {@code long} range, too many numbers), with a message
 * saying what is wrong; {@value #CHECK_FAILED} when the check itself failed (the kernel threw); {@value #UNAVAILABLE}
 * when the service is being undeployed.
 *
 * <p><b>Threading.</b> The handler runs on the verticle's event-loop context and never computes: it hands the
 * numbers to a {@link VertxPrimeChecker} on the verticle's {@code Vertx}, created in {@link #start()} and closed
 * in {@link #stop()}, whose workers do the CPU work; the reply is sent from the verticle's context.
 */
public class PrimeCheckVerticle extends VerticleBase {

    /** The default event-bus address of the service. */
    public static final String DEFAULT_ADDRESS = "primeflow.check";
    /** The most numbers one {@code {"numbers": [...]}} request may hold. */
    public static final int MAX_NUMBERS = 10_000;
    /** Failure code: the request is malformed. */
    public static final int BAD_REQUEST = 400;
    /** Failure code: the primality check failed. */
    public static final int CHECK_FAILED = 500;
    /** Failure code: the service is shutting down. */
    public static final int UNAVAILABLE = 503;

    private final CheckerOptions options;
    private VertxPrimeChecker checker;
    private MessageConsumer<Object> consumer;
    private volatile boolean stopping;

    /** A service with default {@link CheckerOptions}. */
    public PrimeCheckVerticle() {
        this(CheckerOptions.defaults());
    }

    /**
     * A service whose checks use the given options.
     *
     * @param options the options of the checker the verticle creates
     */
    public PrimeCheckVerticle(CheckerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Creates the checker and registers the consumer on the address.
     *
     * @return a future completed once the consumer is registered
     */
    @Override
    public Future<?> start() {
        String address = config().getString("address", DEFAULT_ADDRESS);
        checker = VertxPrimeChecker.create(options, vertx);
        consumer = vertx.eventBus().consumer(address, this::handle);
        return consumer.completion();
    }

    /**
     * Unregisters the consumer and closes the checker; requests still in flight get an {@value #UNAVAILABLE}
     * failure.
     *
     * @return a future completed once the consumer is unregistered
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        if (checker != null) {
            checker.close();
        }
        return unregistered;
    }

    private void handle(Message<Object> message) {
        JsonObject request;
        long[] numbers;
        boolean single;
        try {
            request = asJsonObject(message.body());
            Object one = request.getValue("number");
            Object many = request.getValue("numbers");
            if ((one == null) == (many == null)) {
                throw new BadRequest("a request needs exactly one of \"number\" (an integer) and \"numbers\""
                        + " (an array of integers), got " + request.encode());
            }
            single = one != null;
            numbers = single ? new long[] {toLong(one, "number")} : toLongs(many);
        } catch (BadRequest e) {
            message.fail(BAD_REQUEST, e.getMessage());
            return;
        }
        try {
            if (single) {
                checker.checkFuture(numbers[0]).onComplete(ar -> {
                    if (ar.succeeded()) {
                        message.reply(toJson(ar.result()));
                    } else {
                        fail(message, ar.cause());
                    }
                });
            } else {
                checker.check(numbers).subscribe(new Collector(message, numbers.length));
            }
        } catch (IllegalStateException e) {
            message.fail(UNAVAILABLE, "primeflow.check: the service is shutting down");
        }
    }

    private void fail(Message<Object> message, Throwable cause) {
        message.fail(stopping ? UNAVAILABLE : CHECK_FAILED, "primeflow.check: " + cause.getMessage());
    }

    private static JsonObject toJson(PrimeResult result) {
        return new JsonObject().put("number", result.number()).put("prime", result.prime())
                .put("elapsedNanos", result.elapsedNanos());
    }

    private static JsonObject asJsonObject(Object body) {
        try {
            if (body instanceof JsonObject json) {
                return json;
            }
            if (body instanceof String text) {
                return new JsonObject(text);
            }
            if (body instanceof Buffer buffer) {
                return new JsonObject(buffer);
            }
        } catch (DecodeException | ClassCastException e) {
            throw new BadRequest("the request is not a JSON object: " + e.getMessage());
        }
        throw new BadRequest("the request must be a JSON object such as {\"number\": 97}, got "
                + (body == null ? "null" : body.getClass().getSimpleName()));
    }

    private static long[] toLongs(Object value) {
        if (!(value instanceof JsonArray array)) {
            throw new BadRequest("\"numbers\" must be an array of integers, got " + value);
        }
        if (array.isEmpty() || array.size() > MAX_NUMBERS) {
            throw new BadRequest("\"numbers\" must hold 1 to " + MAX_NUMBERS + " integers, got " + array.size());
        }
        long[] numbers = new long[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = toLong(array.getValue(i), "numbers[" + i + "]");
        }
        return numbers;
    }

    private static long toLong(Object value, String what) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        try {
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
        } catch (ArithmeticException e) {
            throw new BadRequest("\"" + what + "\" must be an integer in the long range, got " + value);
        }
        throw new BadRequest("\"" + what + "\" must be an integer in the long range, got "
                + (value instanceof String ? "the string \"" + value + "\"" : String.valueOf(value)));
    }

    /** A malformed request; its message is the failure text. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super("primeflow.check: " + message, null, false, false);
        }
    }

    /** Collects the results of a {@code numbers} request and replies once, on the verticle's context. */
    private final class Collector implements Flow.Subscriber<PrimeResult> {
        private final Message<Object> message;
        private final List<PrimeResult> results;

        Collector(Message<Object> message, int count) {
            this.message = message;
            this.results = new ArrayList<>(count);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(PrimeResult result) {
            results.add(result);
        }

        @Override
        public void onError(Throwable error) {
            fail(message, error);
        }

        @Override
        public void onComplete() {
            JsonArray array = new JsonArray();
            for (PrimeResult r : results) {
                array.add(toJson(r));
            }
            message.reply(new JsonObject().put("results", array));
        }
    }
}
