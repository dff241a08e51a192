/**
 * Implementation details of the API module: the sequential reference backend and demand arithmetic.
 * Not exported; nothing here is API.
 */
package io.github.primeflow.internal;
