/**
 * The service-provider interface a backend implements to plug into
 * {@link io.github.primeflow.PrimeCheckers} and the TCK, {@link io.github.primeflow.spi.LongSequence}, the
 * numbers of {@code check(long...)} and {@code checkRange} that a backend may read without subscribing, and
 * {@link io.github.primeflow.spi.OnNextGuard}, which catches an upstream calling {@code onNext} from two threads
 * at once.
 */
package io.github.primeflow.spi;
