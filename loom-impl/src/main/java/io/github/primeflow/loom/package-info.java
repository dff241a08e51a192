/**
 * The virtual-thread backend of primeflow ({@code loom}, Java 21): {@link io.github.primeflow.loom.LoomPrimeChecker}
 * and its {@link io.github.primeflow.loom.LoomPrimeCheckerProvider}.
 *
 * <h2>Threading model</h2>
 * Every subscription to a result publisher has its own threads, all virtual and all started by the checker:
 * <ul>
 *   <li><b>The subscribing thread</b> (the caller of {@code subscribe}) only calls the subscriber's
 *       {@code onSubscribe} and starts the delivery thread. {@code request(n)} and {@code cancel()} may be
 *       called from any thread: they update an atomic, post a nudge to the delivery thread's mailbox and
 *       return at once. No kernel call ever runs on a caller's thread (rule P11).</li>
 *   <li><b>One delivery thread</b> ({@code primeflow-loom-delivery-N}) per subscription owns all the
 *       bookkeeping. It subscribes to the numbers, requests them, hands them to kernel threads, reorders
 *       the results and <em>sends every signal after {@code onSubscribe}</em>: {@code onNext},
 *       {@code onError}, {@code onComplete}. It is plain blocking code: it parks on a mailbox (a
 *       lock-free {@link java.util.concurrent.LinkedTransferQueue}, so posting never parks a caller's event
 *       loop) that upstream signals, kernel threads and
 *       {@code request}/{@code cancel}/{@code close} post to, so signals are serial (§1.3) without locks,
 *       and an upstream that emits inside {@code request} fills the mailbox instead of recursing (§3.3).</li>
 *   <li><b>Kernel threads</b> ({@code primeflow-loom-kernel-N}), one per batch of numbers, call
 *       {@code options.primalityTest().isPrime(n)} for each number of the batch, holding one permit of a
 *       fair {@link java.util.concurrent.Semaphore} of {@code parallelism} permits shared by the whole
 *       checker, and post the finished batch to the mailbox. A long trial division starts up to
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
 *   <li>A kernel thread that has computed for more than a millisecond calls {@link java.lang.Thread#yield()}
 *       before its next number, so a long batch lets queued virtual threads have the carrier.</li>
 * </ul>
 *
 * <h2>Batching</h2>
 * With {@code batchSize} 0 (adaptive), the available numbers are first spread over the idle kernel threads;
 * then trial-division numbers are grouped while their estimated cost (√n / 2 divisions for odd n) stays
 * within a small budget, so cheap numbers share a thread and each coarse number gets its own; for other
 * kernels the batch aims at about 0.1 ms of measured kernel time (Miller–Rabin: about a hundred numbers
 * per thread). A positive {@code batchSize} is used as is.
 *
 * <h2>Cancellation and close</h2>
 * {@code cancel()} sets a flag that every kernel thread checks before each kernel call (rule P7) and
 * interrupts the kernel threads of the subscription directly, from the cancelling thread, so a trial
 * division in flight throws {@link java.util.concurrent.CancellationException} within microseconds even
 * while the delivery thread waits for a carrier; the delivery thread then cancels the upstream and sends
 * nothing more. {@code close()} fails every in-flight subscription with
 * {@link io.github.primeflow.PrimeCheckException}, interrupts every thread the checker started and joins
 * them (except the calling thread, if it is one of them). Only {@link java.util.concurrent.locks.ReentrantLock}s
 * and {@code java.util.concurrent} queues are used, never {@code synchronized} around blocking calls, so
 * no virtual thread is pinned to its carrier while it waits (which would happen on JDK 21–23).
 *
 * <h2>Blocking surface</h2>
 * {@code checkNow}, {@code checkAll} and {@code stream} subscribe to the same publishers with a subscriber
 * that the calling thread reads by blocking; it tops up demand as it consumes, so the consumer's pace
 * drives the work, and an interrupt or {@code Stream.close()} cancels it.
 */
package io.github.primeflow.loom;
