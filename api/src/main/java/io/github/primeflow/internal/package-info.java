/**
 * Implementation details of the API module: the sequential reference backend and the number publishers.
 * Not exported; nothing here is API.
 */
package io.github.primeflow.internal;
