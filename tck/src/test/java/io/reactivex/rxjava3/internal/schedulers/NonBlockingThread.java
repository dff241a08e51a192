package io.reactivex.rxjava3.internal.schedulers;

/**
 * A stand-in for RxJava 3's marker interface of the same name (RxJava is not a dependency here): the policy
 * recognises the marker by name, so a thread implementing this one must be treated as an RxJava
 * computation thread.
 */
public interface NonBlockingThread {
}
