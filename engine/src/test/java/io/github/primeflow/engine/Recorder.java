package io.github.primeflow.engine;

import io.github.primeflow.PrimeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/** A subscriber that records every signal, for tests that drive a pipeline by hand. */
class Recorder implements Flow.Subscriber<PrimeResult> {

    final List<PrimeResult> results = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    int completions;
    int signalsAfterEnd;
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(PrimeResult item) {
        check();
        results.add(item);
    }

    @Override
    public void onError(Throwable t) {
        check();
        errors.add(t);
    }

    @Override
    public void onComplete() {
        check();
        completions++;
    }

    boolean ended() {
        return completions + errors.size() > 0;
    }

    private void check() {
        if (ended()) {
            signalsAfterEnd++;
        }
    }
}
