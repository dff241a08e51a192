/**
 * The virtual-thread backend of primeflow ({@code loom}, Java 21): {@link io.github.primeflow.loom.LoomPrimeChecker}
 * and its {@link io.github.primeflow.loom.LoomPrimeCheckerProvider}.
 *
 * <h2>Threading model</h2>
 * Every subscription to a result publisher has its own threads, all virtual and all started by the checker:
 * <ul>
 *   <li><b>The subscribing thread</b> (the caller of {@code subscribe}) calls the subscriber's
 *       {@code onSubscribe} and subscribes to the numbers. {@code request(n)} and {@code cancel()} may be
 *       called from any thread: they update the subscription's state and return at once, without blocking.
 *       No kernel call ever runs on a caller's thread (rule P11).</li>
 *   <li><b>Delivery threads</b> ({@code primeflow-loom-delivery-N}) send every signal after
 *       {@code onSubscribe}: {@code onNext}, {@code onError}, {@code onComplete}. A subscription's bookkeeping
 *       (primeflow's shared pipeline engine) runs in a serial drain loop; whenever a signal finds it idle, a
 *       new delivery virtual thread runs it, so signals are serial (§1.3), never come from a caller's thread,
 *       and an upstream that emits inside {@code request} only queues its numbers instead of recursing
 *       (§3.3).</li>
 *   <li><b>Kernel threads</b> ({@code primeflow-loom-kernel-N}), one per batch of numbers, call
 *       {@code options.primalityTest().isPrime(n)} for each number of the batch, holding one permit of a
 *       fair {@link java.util.concurrent.Semaphore} of {@code parallelism} permits shared by the whole
 *       checker, and hand the finished batch back to the pipeline. A long trial division starts up to
 *       {@code parallelism} helper kernel threads that share its divisor ranges, each holding a permit
 *       too, so the last expensive numbers of a batch finish on every permit instead of one.</li>
 * </ul>
 *
 * <h2>Why the bounds</h2>
 * Virtual threads add no CPU parallelism: they run on a small pool of carrier threads (one per core by
 * default), and they are not time-sliced, so a virtual thread in a CPU-bound kernel call keeps its carrier
 * until the call ends. Starting a virtual thread per number without a bound would therefore buy nothing
 * but memory and would let kernel calls occupy every carrier, starving every other virtual thread of the
 * JVM (the delivery threads included). Hence:
 * <ul>
 *   <li>The semaphore caps the kernel calls running at once at {@code parallelism} (rule P9), and each
 *       subscription runs at most {@code parallelism} kernel threads (each with at most {@code parallelism}
 *       helpers), so live threads stay O(subscriptions × parallelism²) whatever the input size.</li>
 *   <li>Kernel calls started − results delivered stays within the outstanding demand +
 *       {@code prefetch} (rule P5), and numbers requested from upstream − results delivered within
 *       {@code maxInFlight} (rule P6): the pending numbers and the {@code INPUT_ORDER} reorder buffer are
 *       bounded, and a range of 10<sup>9</sup> numbers runs in constant memory.</li>
 * </ul>
 *
 * <h2>Batching</h2>
 * With {@code batchSize} 0 (adaptive), a batch aims at about 0.2 ms of measured kernel time (Miller–Rabin:
 * hundreds of numbers per thread; an expensive trial division: one number per thread), never more than a fair
 * share ({@code ceil(waiting / parallelism)}) of the waiting numbers. A positive {@code batchSize} is used as is.
 *
 * <h2>Cancellation and close</h2>
 * {@code cancel()} sets a flag that every kernel thread checks before each kernel call (rule P7) and
 * interrupts the kernel calls in flight directly, from the cancelling thread, so a trial division throws
 * {@link java.util.concurrent.CancellationException} within microseconds; the upstream is cancelled and
 * nothing more is sent. {@code close()} fails every in-flight subscription with
 * {@link io.github.primeflow.PrimeCheckException}, interrupts every thread the checker started and joins
 * them (except the calling thread, if it is one of them). Only {@code java.util.concurrent} is used, never
 * {@code synchronized} around blocking calls, so no virtual thread is pinned to its carrier while it waits
 * (which would happen on JDK 21–23); starting a thread takes no lock, so an event loop that starts a delivery
 * thread never parks.
 *
 * <h2>Blocking surface</h2>
 * {@code checkNow}, {@code checkAll} and {@code stream} subscribe to the same publishers with a subscriber
 * that the calling thread reads by blocking; it tops up demand as it consumes, so the consumer's pace
 * drives the work, and an interrupt or {@code Stream.close()} cancels it.
 */
package io.github.primeflow.loom;
