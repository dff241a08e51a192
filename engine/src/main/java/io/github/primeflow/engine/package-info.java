/**
 * The prime-check pipeline every primeflow backend shares; not public API (exported only to the backend modules).
 * A backend creates a {@link io.github.primeflow.engine.Pipeline} per subscription and supplies
 * {@link io.github.primeflow.engine.Workers} (where batches run) and a
 * {@link io.github.primeflow.engine.SignalContext} (where the subscriber is signalled); the pipeline keeps the
 * rules P1–P13 of the {@linkplain io.github.primeflow API package}. {@link io.github.primeflow.engine.Batch} is
 * the kernel task, with the one interrupt protocol ({@link io.github.primeflow.engine.KernelGate});
 * {@link io.github.primeflow.engine.SingleChecks} runs {@code checkAsync}'s calls, each one kernel call on the
 * same workers without a pipeline.
 */
package io.github.primeflow.engine;
