package io.github.primeflow.vertx.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The wire format (see the package documentation): every message body is a {@link Buffer} holding one JSON
 * object of at most {@link #MAX_MESSAGE_BYTES} bytes. Decoding validates every field and throws
 * {@link Malformed} with a message naming the field; nothing here ever uses Java serialization.
 */
final class Protocol {

    /** Where worker nodes announce themselves (published to every node). */
    static final String ANNOUNCE_ADDRESS = "primeflow.cluster.announce";
    /** The prefix of each worker node's own address; the node id follows. */
    static final String WORKER_ADDRESS_PREFIX = "primeflow.cluster.worker.";

    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final int MAX_BATCH = 8192;
    static final int MAX_CREDITS = 4096;

    /** Failure codes of a reply. */
    static final int MALFORMED = 400;
    static final int CANCELLED = 499;
    static final int KERNEL_FAILED = 500;
    static final int STOPPING = 503;

    private Protocol() {
    }

    /** A message that breaks the protocol; its text is the failure reply. */
    static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    // ---- encoding ----

    static Buffer check(String client, long id, String kernel, long[] numbers) {
        JsonArray array = new JsonArray();
        for (long n : numbers) {
            array.add(n);
        }
        return new JsonObject().put("op", "check").put("client", client).put("id", id).put("kernel", kernel)
                .put("numbers", array).toBuffer();
    }

    static Buffer cancel(String client, long id) {
        return new JsonObject().put("op", "cancel").put("client", client).put("id", id).toBuffer();
    }

    static Buffer ping() {
        return new JsonObject().put("op", "ping").toBuffer();
    }

    static Buffer pong(String node) {
        return new JsonObject().put("op", "pong").put("node", node).toBuffer();
    }

    static Buffer announce(String node, String address, int credits) {
        return new JsonObject().put("op", "announce").put("node", node).put("address", address)
                .put("credits", credits).toBuffer();
    }

    static Buffer results(long id, boolean[] primes, long[] nanos) {
        JsonArray p = new JsonArray();
        JsonArray t = new JsonArray();
        for (int i = 0; i < primes.length; i++) {
            p.add(primes[i]);
            t.add(nanos[i]);
        }
        return new JsonObject().put("id", id).put("primes", p).put("nanos", t).toBuffer();
    }

    // ---- decoding ----

    /** Parses a body: a Buffer of at most MAX_MESSAGE_BYTES holding a JSON object. */
    static JsonObject parse(Object body) {
        if (!(body instanceof Buffer buffer)) {
            throw new Malformed("the body must be a JSON object in a Buffer, got "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        if (buffer.length() > MAX_MESSAGE_BYTES) {
            throw new Malformed("the message has " + buffer.length() + " bytes, more than " + MAX_MESSAGE_BYTES);
        }
        try {
            return new JsonObject(buffer);
        } catch (DecodeException | ClassCastException e) {
            throw new Malformed("the body is not a JSON object: " + e.getMessage());
        }
    }

    static String op(JsonObject json) {
        return string(json, "op", 16);
    }

    static String string(JsonObject json, String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String s) || s.isEmpty() || s.length() > maxLength) {
            throw new Malformed("'" + field + "' must be a string of 1-" + maxLength + " characters, got "
                    + describe(value));
        }
        return s;
    }

    static long nonNegativeLong(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new Malformed("'" + field + "' must be a non-negative integer, got " + describe(value));
        }
        return ((Number) value).longValue();
    }

    static int intInRange(JsonObject json, String field, int min, int max) {
        Object value = json.getValue(field);
        if (!(value instanceof Integer i) || i < min || i > max) {
            throw new Malformed("'" + field + "' must be an integer from " + min + " to " + max + ", got "
                    + describe(value));
        }
        return i;
    }

    static long[] numbers(JsonObject json) {
        JsonArray array = array(json, "numbers", 1, MAX_BATCH);
        long[] numbers = new long[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            Object value = array.getValue(i);
            if (!(value instanceof Integer || value instanceof Long)) {
                throw new Malformed("'numbers[" + i + "]' must be an integer within the long range, got "
                        + describe(value));
            }
            numbers[i] = ((Number) value).longValue();
        }
        return numbers;
    }

    /** Decodes a result reply for a batch of {@code size} numbers with id {@code id}. */
    static void results(JsonObject json, long id, boolean[] primes, long[] nanos) {
        if (nonNegativeLong(json, "id") != id) {
            throw new Malformed("the reply is for batch " + json.getValue("id") + ", expected " + id);
        }
        JsonArray p = array(json, "primes", primes.length, primes.length);
        JsonArray t = array(json, "nanos", nanos.length, nanos.length);
        for (int i = 0; i < primes.length; i++) {
            if (!(p.getValue(i) instanceof Boolean b)) {
                throw new Malformed("'primes[" + i + "]' must be a boolean, got " + describe(p.getValue(i)));
            }
            Object n = t.getValue(i);
            if (!(n instanceof Integer || n instanceof Long) || ((Number) n).longValue() < 0) {
                throw new Malformed("'nanos[" + i + "]' must be a non-negative integer, got " + describe(n));
            }
            primes[i] = b;
            nanos[i] = ((Number) n).longValue();
        }
    }

    private static JsonArray array(JsonObject json, String field, int min, int max) {
        Object value = json.getValue(field);
        if (!(value instanceof JsonArray array) || array.size() < min || array.size() > max) {
            throw new Malformed("'" + field + "' must be an array of " + (min == max ? min : min + "-" + max)
                    + " elements, got " + (value instanceof JsonArray a ? a.size() + " elements" : describe(value)));
        }
        return array;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = String.valueOf(value);
        return (text.length() > 40 ? text.substring(0, 40) + "..." : text) + " (" + value.getClass().getSimpleName()
                + ")";
    }
}
