package io.github.primeflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.primeflow.CheckerOptions;
import io.github.primeflow.Ordering;
import io.github.primeflow.PrimalityTest;
import io.github.primeflow.PrimeCheckException;
import io.github.primeflow.PrimeResult;
import io.github.primeflow.spi.LongSequence;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The pipeline's state machine driven on one thread by random sequences of signals (demand, numbers, upstream
 * end and errors, cancel, close, rule breaks, batch completions in any order), with every pipeline rule checked
 * against a simple model after each step, and the end state checked once everything pending has run.
 */
class PipelineModelTest {

    private static final PrimalityTest KERNEL = PrimalityTest.millerRabin();

    @Property(tries = 600)
    void everyStepKeepsThePipelineRules(
            @ForAll @IntRange(min = 1, max = 4) int parallelism,
            @ForAll @IntRange(min = 0, max = 12) int extraInFlight,
            @ForAll @IntRange(min = 0, max = 12) int extraPrefetch,
            @ForAll @IntRange(min = 0, max = 3) int batchSize,
            @ForAll boolean inputOrder,
            @ForAll boolean direct,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 99) Integer> steps) {
        int maxInFlight = parallelism + extraInFlight;
        CheckerOptions options = CheckerOptions.builder().parallelism(parallelism).maxInFlight(maxInFlight)
                .prefetch(Math.min(maxInFlight, parallelism + extraPrefetch)).batchSize(Math.min(batchSize, maxInFlight))
                .ordering(inputOrder ? Ordering.INPUT_ORDER : Ordering.COMPLETION_ORDER)
                .primalityTest(KERNEL).build();
        new Model(options, direct).run(steps);
    }

    private static final int MAX_ADAPTIVE_BATCH = 8;

    private static final class Model {
        final CheckerOptions options;
        final ManualLanes lanes = new ManualLanes();
        final ActivePipelines active = new ActivePipelines();
        final Recorder recorder = new Recorder();
        final ManualUpstream upstream = new ManualUpstream();
        final LongSequence sequence;
        final Pipeline pipeline;
        final List<Long> emitted = new ArrayList<>();
        long requested; // by the subscriber, saturating
        long dispatched; // numbers in batches handed to lanes
        int batchesSeen;
        boolean upstreamEnded;
        boolean brokeARule;
        boolean cancelled;
        boolean closed;
        boolean failedUpstream;

        Model(CheckerOptions options, boolean direct) {
            this.options = options;
            this.sequence = direct ? LongSequence.range(1_000_000_000, 1_000_000_050) : null;
            this.pipeline = new Pipeline("test", options, direct ? sequence : upstream, recorder, lanes,
                    SignalContext.ANY_THREAD, new Tuning(200_000, MAX_ADAPTIVE_BATCH, 50_000), active);
            pipeline.start();
        }

        void run(List<Integer> steps) {
            for (int step : steps) {
                apply(step);
                countDispatched();
                checkInvariants();
            }
            settle();
        }

        void apply(int step) {
            if (step < 30) {
                request(step == 29 ? Long.MAX_VALUE : 1 + step % 3);
            } else if (step < 60) {
                if (sequence == null && !upstreamEnded) {
                    long n = 1_000_000_000L + emitted.size();
                    if (upstream.emit(n)) {
                        emitted.add(n);
                    }
                }
            } else if (step < 85) {
                lanes.runOne(step);
            } else if (step < 88) {
                if (sequence == null && !upstreamEnded) {
                    upstreamEnded = true;
                    upstream.subscriber.onComplete();
                }
            } else if (step == 88) {
                if (sequence == null && !upstreamEnded) {
                    upstreamEnded = true;
                    failedUpstream |= !recorder.ended();
                    upstream.subscriber.onError(new IllegalStateException("upstream broke"));
                }
            } else if (step < 92) {
                cancelled |= !recorder.ended(); // what the model expects depends on what came first
                recorder.subscription.cancel();
            } else if (step < 95) {
                closed |= !recorder.ended();
                active.closeAll();
            } else if (step == 95) {
                brokeARule |= !recorder.ended();
                recorder.subscription.request(0);
            } else if (step == 96 && sequence == null && !upstreamEnded && upstream.subscriber != null) {
                brokeARule |= !recorder.ended(); // one number more than requested (§1.1)
                while (upstream.emitted < upstream.requested) {
                    long n = 1_000_000_000L + emitted.size();
                    upstream.emit(n);
                    emitted.add(n);
                }
                upstream.emitted++;
                upstream.subscriber.onNext(1_000_000_000L + emitted.size());
            }
        }

        void request(long n) {
            long sum = requested + n;
            requested = sum < 0 ? Long.MAX_VALUE : sum;
            recorder.subscription.request(n);
        }

        void countDispatched() {
            // Batches are appended to `started` and removed when run: count each batch once, when first seen.
            for (Batch batch : lanes.started) {
                if (batch.delivered == 0 && !seen.contains(batch)) {
                    seen.add(batch);
                    dispatched += batch.size();
                    int largest = options.batchSize() > 0 ? options.batchSize()
                            : Math.max(1, Math.min(MAX_ADAPTIVE_BATCH, options.maxInFlight() / 4));
                    assertThat(batch.size()).as("batch size (fixed, or adaptive within the cap and a quarter of the"
                            + " window)").isBetween(1, largest);
                }
            }
        }

        final List<Batch> seen = new ArrayList<>();

        void checkInvariants() {
            long delivered = recorder.results.size();
            assertThat(recorder.signalsAfterEnd).as("signals after the terminal one").isZero();
            assertThat(recorder.errors.size() + recorder.completions).as("terminal signals").isLessThanOrEqualTo(1);
            assertThat(delivered).as("onNext within demand (P4)").isLessThanOrEqualTo(requested);
            long outstanding = requested == Long.MAX_VALUE ? Long.MAX_VALUE : requested - delivered;
            long window = Math.min(options.maxInFlight(), outstanding >= options.maxInFlight() ? options.maxInFlight()
                    : outstanding + options.prefetch());
            assertThat(dispatched - delivered).as("kernel calls ahead of the subscriber (P5)")
                    .isLessThanOrEqualTo(window);
            if (sequence == null) {
                assertThat(upstream.requested - delivered).as("numbers held (P6)")
                        .isLessThanOrEqualTo(options.maxInFlight());
            }
            assertThat(lanes.started.size()).as("batches at once (P9)").isLessThanOrEqualTo(options.parallelism());
            for (PrimeResult r : recorder.results) {
                assertThat(r.prime()).as("verdict for %d", r.number()).isEqualTo(KERNEL.isPrime(r.number()));
                assertThat(r.elapsedNanos()).isNotNegative();
            }
            List<Long> numbers = recorder.results.stream().map(PrimeResult::number).toList();
            List<Long> input = sequence == null ? emitted : LongSequenceValues.prefix(sequence, numbers.size() + 64);
            if (options.ordering() == Ordering.INPUT_ORDER) {
                assertThat(numbers).as("input order (P2)").isEqualTo(input.subList(0, numbers.size()));
            } else {
                assertThat(numbers).as("each accepted number once (P1)").doesNotHaveDuplicates();
                assertThat(input).containsAll(numbers);
            }
            if (recorder.ended() && sequence == null && !upstreamEnded && upstream.subscriber != null) {
                assertThat(upstream.cancelled).as("the upstream is cancelled when the stream ends").isTrue();
            }
            if (cancelled && !recorder.ended()) {
                assertThat(lanes.started).as("no batch runs a kernel call after cancel (P7)")
                        .allMatch(Batch::isStopped);
            }
        }

        /** Runs everything that can still happen, then checks how the stream ended. */
        void settle() {
            if (!recorder.ended() && !cancelled) {
                request(Long.MAX_VALUE);
            }
            for (int guard = 0; guard < 10_000; guard++) {
                boolean progress = false;
                if (sequence == null && !upstreamEnded && !upstream.cancelled) {
                    long n = 1_000_000_000L + emitted.size();
                    if (emitted.size() < 40 && upstream.emit(n)) {
                        emitted.add(n);
                        progress = true;
                    } else {
                        upstreamEnded = true;
                        upstream.subscriber.onComplete();
                        progress = true;
                    }
                }
                progress |= lanes.runOne(0);
                countDispatched();
                checkInvariants();
                if (!progress) {
                    break;
                }
            }
            assertThat(lanes.started).as("batches left unrun").isEmpty();
            if (cancelled) {
                assertThat(recorder.completions).as("completed after cancel").isZero();
            } else if (closed || brokeARule || failedUpstream) {
                assertThat(recorder.errors).as("how the stream ended").hasSize(1);
                Throwable error = recorder.errors.get(0);
                assertThat(error).isInstanceOfAny(PrimeCheckException.class, IllegalArgumentException.class);
            } else {
                assertThat(recorder.completions).as("completed").isEqualTo(1);
                long expected = sequence == null ? emitted.size() : sequence.size();
                assertThat(recorder.results).as("one result per number (P1)").hasSize((int) expected);
            }
            assertThat(active.size()).as("an ended pipeline leaves the checker's active set").isZero();
            assertThat(lanes.released).as("every lane released once the pipeline has ended").isEqualTo(lanes.created);
        }
    }

    /** The first numbers of a sequence, for comparing with results. */
    private static final class LongSequenceValues {
        static List<Long> prefix(LongSequence sequence, long count) {
            List<Long> values = new ArrayList<>();
            for (long i = 0; i < Math.min(count, sequence.size()); i++) {
                values.add(sequence.get(i));
            }
            return values;
        }
    }
}
