/**
 * The service-provider interface a backend implements to plug into
 * {@link io.github.primeflow.PrimeCheckers} and the TCK.
 */
package io.github.primeflow.spi;
