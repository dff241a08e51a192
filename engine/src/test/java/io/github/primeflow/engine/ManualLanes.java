package io.github.primeflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Lanes that only collect the batches a pipeline starts; the test runs them, on its own thread, when it wants. */
final class ManualLanes implements Workers, Workers.Lane {

    final List<Batch> started = new ArrayList<>();
    int created;
    int released;

    @Override
    public Lane newLane() {
        created++;
        return this;
    }

    @Override
    public Executor helpers() {
        return Runnable::run; // the kernels of these tests need no helpers
    }

    @Override
    public void start(Batch batch) {
        started.add(batch);
    }

    @Override
    public void release() {
        released++;
    }

    /** Runs the {@code i}-th waiting batch (modulo their number); false if none waits. */
    boolean runOne(int i) {
        if (started.isEmpty()) {
            return false;
        }
        started.remove(Math.floorMod(i, started.size())).run();
        return true;
    }
}
